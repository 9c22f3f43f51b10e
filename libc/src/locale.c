/* The C locale, the only one (<locale.h>). */
#include <limits.h>
#include <locale.h>
#include <string.h>

char* setlocale(int category, const char* locale)
{
    static char c_locale[] = "C";
    if (category < LC_CTYPE || category > LC_ALL)
        return NULL;
    if (locale && *locale && strcmp(locale, "C") != 0 && strcmp(locale, "POSIX") != 0)
        return NULL;
    return c_locale;
}

struct lconv* localeconv(void)
{
    /* C11 7.11.2.1: "" for the strings, CHAR_MAX for the numbers not available. */
    static char dot[] = ".", none[] = "";
    static struct lconv c_conventions = { dot, none, none, none, none, none, none, none, none, none, CHAR_MAX, CHAR_MAX,
        CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
        CHAR_MAX };
    return &c_conventions;
}
