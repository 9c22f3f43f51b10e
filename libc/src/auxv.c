/* getauxval: reads the auxiliary vector __libc_start found above envp. */
#include <errno.h>
#include <sys/auxv.h>

const unsigned long* __libc_auxv;

unsigned long getauxval(unsigned long type)
{
    for (const unsigned long* entry = __libc_auxv; entry && entry[0] != AT_NULL; entry += 2) {
        if (entry[0] == type)
            return entry[1];
    }
    errno = ENOENT;
    return 0;
}
