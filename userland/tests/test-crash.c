/*
 * test-crash: runs `/bin/crash -A` (every fault scenario in a child of its
 * own) and turns each of its lines into a case: a scenario this system
 * supports must PASS (the child died of the reference's signal); one that
 * needs a feature still missing (NX; UMIP where the processor lacks it) must say PENDING or PASS, never FAIL. Also: crash with no valid
 * flag prints its usage and exits 2.
 */
#include "ktest.h"

#include <stdio.h>
#include <string.h>

static char output[8192];

/* The line crash printed for flag, or NULL. */
static const char* line_for(char flag)
{
    char prefix[16];
    snprintf(prefix, sizeof(prefix), "crash -%c: ", flag);
    for (const char* line = output; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, prefix, strlen(prefix)) == 0)
            return line;
    }
    return NULL;
}

/* True when the line's verdict (after the second ": ") starts with word. */
static int verdict_is(const char* line, const char* word)
{
    const char* verdict = strstr(line + 10, ": ");
    return verdict && strncmp(verdict + 2, word, strlen(word)) == 0;
}

static void check_scenario(char flag, int may_be_pending)
{
    char name[32];
    snprintf(name, sizeof(name), "crash-%c", flag);
    const char* line = line_for(flag);
    if (!line) {
        kt_fail(name, "no line for -%c in:\n%s", flag, output);
        return;
    }
    int length = (int)(strchr(line, '\n') ? strchr(line, '\n') - line : (long)strlen(line));
    int ok = verdict_is(line, "PASS") || (may_be_pending && verdict_is(line, "PENDING"));
    kt_check(name, ok, "%.*s", length, line);
}

int main(void)
{
    kt_begin("test-crash");
    char* argv[] = { "/bin/crash", "-A", NULL };
    int status = kt_run_capture(argv, NULL, NULL, NULL, output, sizeof(output));
    fputs(output, stdout); /* the PENDING lines say what is still missing */
    kt_check("crash-all-exit-0", status == 0, "exit %d:\n%s", status, output);
    const char* supported = "sdimfMFrTtSIRanpc";
    const char* pending = "XU";
    for (const char* f = supported; *f; f++)
        check_scenario(*f, 0);
    for (const char* f = pending; *f; f++)
        check_scenario(*f, 1);
    char* bad[] = { "/bin/crash", "-?", NULL };
    status = kt_run_capture(bad, NULL, NULL, NULL, output, sizeof(output));
    kt_check("crash-usage", status == 2 && strstr(output, "usage: crash") != NULL, "exit %d: %s", status, output);
    return kt_finish();
}
