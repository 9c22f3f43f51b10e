/*
 * /bin/stty: the modes of the terminal on standard input.
 *
 *   stty [-a]          prints the control characters and every flag
 *                      (a '-' before the ones that are off; no speeds)
 *   stty setting...    changes them with tcsetattr (TCSADRAIN):
 *     [-]flag          sets (clears) one: the names of the printout
 *     raw, -raw        no input or output processing, echo or signals,
 *                      reads of 1 byte (min 1 time 0); -raw (or cooked)
 *                      gives back the line discipline
 *     sane             the usual defaults: canonical mode, echo, signals,
 *                      CR to NL on input, NL to CR NL on output
 *     intr c, ...      a control character: ^X, one character, or undef
 *     min n, time n    the raw-mode read minimum and timeout (0.1 s)
 * Status 1 when standard input is not a terminal or a setting is unknown.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>

enum field { IFLAG, OFLAG, CFLAG, LFLAG };

struct flag {
    const char* name;
    enum field field;
    tcflag_t bit;
};

static const struct flag flags[] = {
    { "ignbrk", IFLAG, IGNBRK }, { "brkint", IFLAG, BRKINT }, { "ignpar", IFLAG, IGNPAR }, { "parmrk", IFLAG, PARMRK },
    { "inpck", IFLAG, INPCK }, { "istrip", IFLAG, ISTRIP }, { "inlcr", IFLAG, INLCR }, { "igncr", IFLAG, IGNCR },
    { "icrnl", IFLAG, ICRNL }, { "ixon", IFLAG, IXON }, { "ixany", IFLAG, IXANY }, { "ixoff", IFLAG, IXOFF },
    { "imaxbel", IFLAG, IMAXBEL }, { "iutf8", IFLAG, IUTF8 },
    { "opost", OFLAG, OPOST }, { "onlcr", OFLAG, ONLCR }, { "ocrnl", OFLAG, OCRNL }, { "onocr", OFLAG, ONOCR },
    { "onlret", OFLAG, ONLRET },
    { "cread", CFLAG, CREAD }, { "parenb", CFLAG, PARENB }, { "parodd", CFLAG, PARODD }, { "hupcl", CFLAG, HUPCL },
    { "cstopb", CFLAG, CSTOPB }, { "clocal", CFLAG, CLOCAL },
    { "isig", LFLAG, ISIG }, { "icanon", LFLAG, ICANON }, { "iexten", LFLAG, IEXTEN }, { "echo", LFLAG, ECHO },
    { "echoe", LFLAG, ECHOE }, { "echok", LFLAG, ECHOK }, { "echonl", LFLAG, ECHONL }, { "noflsh", LFLAG, NOFLSH },
    { "tostop", LFLAG, TOSTOP }, { "echoctl", LFLAG, ECHOCTL }, { "echoprt", LFLAG, ECHOPRT }, { "echoke", LFLAG, ECHOKE },
};

struct control {
    const char* name;
    int index;
};

static const struct control controls[] = {
    { "intr", VINTR }, { "quit", VQUIT }, { "erase", VERASE }, { "kill", VKILL }, { "eof", VEOF }, { "eol", VEOL },
    { "eol2", VEOL2 }, { "start", VSTART }, { "stop", VSTOP }, { "susp", VSUSP }, { "rprnt", VREPRINT },
    { "werase", VWERASE }, { "lnext", VLNEXT }, { "discard", VDISCARD },
};

static tcflag_t* field_of(struct termios* t, enum field field)
{
    return field == IFLAG ? &t->c_iflag : field == OFLAG ? &t->c_oflag : field == CFLAG ? &t->c_cflag : &t->c_lflag;
}

/* A control character as stty shows it: ^X, ^?, undef, or itself. */
static void print_control(cc_t c)
{
    if (c == 0)
        fputs("<undef>", stdout);
    else if (c == 0x7f)
        fputs("^?", stdout);
    else if (c < 0x20)
        printf("^%c", c + '@');
    else
        putchar(c);
}

static void print_settings(struct termios* t)
{
    for (size_t k = 0; k < sizeof(controls) / sizeof(controls[0]); k++) {
        printf("%s = ", controls[k].name);
        print_control(t->c_cc[controls[k].index]);
        fputs(k % 7 == 6 ? ";\n" : "; ", stdout);
    }
    printf("min = %u; time = %u;\n", t->c_cc[VMIN], t->c_cc[VTIME]);
    for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++) {
        bool on = (*field_of(t, flags[k].field) & flags[k].bit) != 0;
        bool last_of_field = k + 1 == sizeof(flags) / sizeof(flags[0]) || flags[k + 1].field != flags[k].field;
        printf("%s%s%c", on ? "" : "-", flags[k].name, last_of_field ? '\n' : ' ');
    }
}

static void set_raw(struct termios* t, bool raw)
{
    if (raw) {
        t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
        t->c_oflag &= ~(tcflag_t)OPOST;
        t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
        t->c_cc[VMIN] = 1;
        t->c_cc[VTIME] = 0;
    } else {
        t->c_iflag |= BRKINT | ICRNL | IXON;
        t->c_oflag |= OPOST;
        t->c_lflag |= ICANON | ISIG | IEXTEN;
    }
}

static void set_sane(struct termios* t)
{
    static const cc_t defaults[][2] = {
        { VINTR, 0x03 }, { VQUIT, 0x1c }, { VERASE, 0x7f }, { VKILL, 0x15 }, { VEOF, 0x04 }, { VSTART, 0x11 },
        { VSTOP, 0x13 }, { VSUSP, 0x1a }, { VREPRINT, 0x12 }, { VWERASE, 0x17 }, { VLNEXT, 0x16 }, { VDISCARD, 0x0f },
    };
    t->c_iflag = ICRNL | IXON | BRKINT;
    t->c_oflag = OPOST | ONLCR;
    t->c_cflag |= CREAD;
    t->c_lflag = ISIG | ICANON | IEXTEN | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE;
    for (size_t k = 0; k < sizeof(defaults) / sizeof(defaults[0]); k++)
        t->c_cc[defaults[k][0]] = defaults[k][1];
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

/* The control character value text gives (^X, ^?, undef, one character); -1 if none. */
static int control_value(const char* text)
{
    if (strcmp(text, "undef") == 0 || strcmp(text, "^-") == 0)
        return 0;
    if (text[0] == '^' && text[1] && !text[2])
        return text[1] == '?' ? 0x7f : text[1] & 0x1f;
    return text[0] && !text[1] ? (unsigned char)text[0] : -1;
}

/* Applies the setting at argv[*k] (and its value, moving *k past it); false if unknown. */
static bool apply(struct termios* t, char** argv, int argc, int* k)
{
    const char* arg = argv[*k];
    bool off = arg[0] == '-';
    const char* name = arg + off;
    if (strcmp(name, "raw") == 0 || strcmp(arg, "cooked") == 0) {
        set_raw(t, !off && strcmp(arg, "cooked") != 0);
        return true;
    }
    if (strcmp(arg, "sane") == 0) {
        set_sane(t);
        return true;
    }
    for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++) {
        if (strcmp(name, flags[f].name) != 0)
            continue;
        tcflag_t* field = field_of(t, flags[f].field);
        *field = off ? *field & ~flags[f].bit : *field | flags[f].bit;
        return true;
    }
    if (off || *k + 1 >= argc)
        return false;
    const char* value = argv[*k + 1];
    int index = strcmp(arg, "min") == 0 ? VMIN : strcmp(arg, "time") == 0 ? VTIME : -1;
    int c = index >= 0 ? atoi(value) : control_value(value);
    for (size_t n = 0; index < 0 && n < sizeof(controls) / sizeof(controls[0]); n++)
        if (strcmp(arg, controls[n].name) == 0)
            index = controls[n].index;
    if (index < 0 || c < 0 || c > 255)
        return false;
    t->c_cc[index] = (cc_t)c;
    (*k)++;
    return true;
}

int main(int argc, char** argv)
{
    struct termios t;
    if (tcgetattr(0, &t) < 0) {
        perror("stty: standard input");
        return 1;
    }
    if (argc == 1 || (argc == 2 && strcmp(argv[1], "-a") == 0)) {
        print_settings(&t);
        return 0;
    }
    for (int k = 1; k < argc; k++) {
        if (!apply(&t, argv, argc, &k)) {
            fprintf(stderr, "stty: %s: unknown setting\n", argv[k]);
            return 1;
        }
    }
    if (tcsetattr(0, TCSADRAIN, &t) < 0) {
        perror("stty");
        return 1;
    }
    return 0;
}
