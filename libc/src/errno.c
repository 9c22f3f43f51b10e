/* errno and its names and messages. */
#include <errno.h>
#include <string.h>

__thread int errno;

#define __ERRNO_NAME(name, message) [name] = #name,
#define __ERRNO_MESSAGE(name, message) [name] = message,
static const char* const errno_names[EMAXERRNO] = { __ENUMERATE_ERRNO_CODES(__ERRNO_NAME) };
static const char* const errno_messages[EMAXERRNO] = { __ENUMERATE_ERRNO_CODES(__ERRNO_MESSAGE) };

const char* strerrorname_np(int errnum)
{
    if (errnum < 0 || errnum >= EMAXERRNO || !errno_names[errnum])
        return "E?";
    return errno_names[errnum];
}

char* strerror(int errnum)
{
    if (errnum < 0 || errnum >= EMAXERRNO || !errno_messages[errnum])
        return (char*)"Unknown error";
    return (char*)errno_messages[errnum];
}

int strerror_r(int errnum, char* buf, size_t size)
{
    int known = errnum >= 0 && errnum < EMAXERRNO && errno_messages[errnum];
    const char* message = known ? errno_messages[errnum] : "Unknown error";
    size_t length = strlen(message);
    if (size == 0)
        return ERANGE;
    size_t n = length < size - 1 ? length : size - 1;
    memcpy(buf, message, n);
    buf[n] = '\0';
    if (n < length)
        return ERANGE;
    return known ? 0 : EINVAL;
}
