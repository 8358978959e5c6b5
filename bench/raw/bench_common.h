/* Helpers shared by the C references of the benchmarks: a silent libvirt error handler, a monotonic clock in ms,
 * and a comparison of doubles for qsort (medians). Included by each reference; compiled with it. */
#ifndef VITOOLKIT_BENCH_COMMON_H
#define VITOOLKIT_BENCH_COMMON_H

#include <libvirt/virterror.h>
#include <time.h>

static void quiet(void *data, virErrorPtr err) { (void)data; (void)err; }

__attribute__((unused)) static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

__attribute__((unused)) static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#endif
