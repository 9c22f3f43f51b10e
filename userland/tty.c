/* /bin/tty: prints the name of the terminal on standard input; "not a tty" and status 1 when it is none. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    const char* name = ttyname(0);
    puts(name ? name : "not a tty");
    return name ? 0 : 1;
}
