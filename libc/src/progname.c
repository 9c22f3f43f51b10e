/* getprogname and setprogname (see <stdlib.h>). */
#include <stdlib.h>

extern const char* __libc_program_path; /* start.c: argv[0] */

const char* getprogname(void)
{
    const char* name = __libc_program_path ? __libc_program_path : "";
    const char* last = name;
    for (const char* p = name; *p; p++)
        if (*p == '/')
            last = p + 1;
    return last;
}

void setprogname(const char* name)
{
    __libc_program_path = name;
}
