/*
 * fail-demo: a test that always fails, to show what a failing guest test
 * looks like. It is installed as /usr/tests/fail-demo but is not in
 * /bin/run-tests's default list (only test-* are); tests/user.test.mjs runs
 * it by name and checks that the run fails, naming it and showing this
 * output between run-tests's begin/end lines.
 */
#include "ktest.h"

#include <stdio.h>

int main(void)
{
    kt_begin("fail-demo");
    kt_pass("before-the-failure");
    kt_fail("deliberate", "this test fails on purpose (fail-demo is kept out of the default list)");
    return kt_finish() ? 1 : 0;
}
