/* arc4random and friends over getrandom [110]. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>

void arc4random_buf(void* buffer, size_t size)
{
    unsigned char* p = buffer;
    while (size) {
        ssize_t n = getrandom(p, size, 0);
        if (n <= 0)
            abort(); /* no entropy: nothing sensible to return */
        p += n;
        size -= n;
    }
}

uint32_t arc4random(void)
{
    uint32_t value;
    arc4random_buf(&value, sizeof(value));
    return value;
}

uint32_t arc4random_uniform(uint32_t upper_bound)
{
    if (upper_bound < 2)
        return 0;
    uint32_t threshold = -upper_bound % upper_bound; /* 2^32 mod upper_bound */
    for (;;) {
        uint32_t r = arc4random();
        if (r >= threshold)
            return r % upper_bound;
    }
}
