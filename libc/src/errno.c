/* errno and its names and messages. */
#include <errno.h>
#include <string.h>

int errno;

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
