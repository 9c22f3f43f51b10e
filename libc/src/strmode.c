/* strmode (BSD; see <string.h>). */
#include <string.h>
#include <sys/stat.h>

static char type_letter(mode_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFDIR: return 'd';
    case S_IFCHR: return 'c';
    case S_IFBLK: return 'b';
    case S_IFREG: return '-';
    case S_IFLNK: return 'l';
    case S_IFSOCK: return 's';
    case S_IFIFO: return 'p';
    default: return '?';
    }
}

/* 'x' or '-' for the execute bit, or the special bit's letter: lower case with x, upper case without. */
static char execute_letter(mode_t mode, mode_t execute, mode_t special, char letter)
{
    if (mode & special)
        return (mode & execute) ? letter : (char)(letter - 'a' + 'A');
    return (mode & execute) ? 'x' : '-';
}

void strmode(mode_t mode, char* buf)
{
    buf[0] = type_letter(mode);
    buf[1] = (mode & S_IRUSR) ? 'r' : '-';
    buf[2] = (mode & S_IWUSR) ? 'w' : '-';
    buf[3] = execute_letter(mode, S_IXUSR, S_ISUID, 's');
    buf[4] = (mode & S_IRGRP) ? 'r' : '-';
    buf[5] = (mode & S_IWGRP) ? 'w' : '-';
    buf[6] = execute_letter(mode, S_IXGRP, S_ISGID, 's');
    buf[7] = (mode & S_IROTH) ? 'r' : '-';
    buf[8] = (mode & S_IWOTH) ? 'w' : '-';
    buf[9] = execute_letter(mode, S_IXOTH, S_ISVTX, 't');
    buf[10] = ' '; /* BSD: '+' would mark an ACL */
    buf[11] = '\0';
}
