/* Terminal attributes over ioctl [58] (request numbers in <sys/ioctl.h>). */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int tcgetattr(int fd, struct termios* t)
{
    return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int optional_actions, const struct termios* t)
{
    switch (optional_actions) {
    case TCSANOW:
        return ioctl(fd, TCSETS, t);
    case TCSADRAIN:
        return ioctl(fd, TCSETSW, t);
    case TCSAFLUSH:
        return ioctl(fd, TCSETSF, t);
    }
    errno = EINVAL;
    return -1;
}

int tcflush(int fd, int queue)
{
    return ioctl(fd, TCFLSH, queue);
}

pid_t tcgetpgrp(int fd)
{
    return ioctl(fd, TIOCGPGRP);
}

pid_t tcgetsid(int fd)
{
    pid_t pgrp = tcgetpgrp(fd);
    return pgrp < 0 ? -1 : getsid(pgrp);
}

int tcsetpgrp(int fd, pid_t pgid)
{
    return ioctl(fd, TIOCSPGRP, pgid);
}

speed_t cfgetispeed(const struct termios* t)
{
    return t->c_ispeed;
}

speed_t cfgetospeed(const struct termios* t)
{
    return t->c_ospeed;
}

int cfsetispeed(struct termios* t, speed_t speed)
{
    t->c_ispeed = speed;
    return 0;
}

int cfsetospeed(struct termios* t, speed_t speed)
{
    t->c_ospeed = speed;
    return 0;
}

void cfmakeraw(struct termios* t)
{
    t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~OPOST;
    t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}
