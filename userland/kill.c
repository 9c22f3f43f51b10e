/* /bin/kill [-s sig | -sig] [--] pid...; kill -l [sig...]: see kill.h. */
#include "kill.h"

int main(int argc, char** argv)
{
    int status = kill_main(argc, argv, NULL);
    fflush(stdout);
    return status;
}
