/*
 * The reference for bench/GetVM.Bench.ps1: the same libvirt calls Get-VM makes, in a minimal C loop.
 * Opens every URI given, then times (after the connections are open):
 *   list  - per host: virConnectListAllDomains, then per domain GetName, GetUUIDString, GetInfo,
 *           GetMetadata(description), HasManagedSaveImage (shut-off only), IsPersistent
 *   exact - per host: virDomainLookupByName(NAME) + the same per-domain reads when found
 * Prints "list_ms=<median> exact_ms=<median> vms=<count>".
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_common.h"




static volatile unsigned long sink;

static void read_domain(virDomainPtr d) {
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainInfo info;
    const char *name = virDomainGetName(d);
    virDomainGetUUIDString(d, uuid);
    virDomainGetInfo(d, &info);
    char *desc = virDomainGetMetadata(d, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0);
    if (info.state == VIR_DOMAIN_SHUTOFF) virDomainHasManagedSaveImage(d, 0);
    sink += virDomainIsPersistent(d) + (name ? name[0] : 0) + info.memory;
    free(desc);
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s REPEATS NAME URI...\n", argv[0]); return 2; }
    int repeats = atoi(argv[1]);
    const char *exact = argv[2];
    int hosts = argc - 3;
    virSetErrorFunc(NULL, quiet);
    virConnectPtr *conns = calloc(hosts, sizeof *conns);
    for (int h = 0; h < hosts; h++) {
        conns[h] = virConnectOpen(argv[3 + h]);
        if (!conns[h]) { fprintf(stderr, "cannot open %s\n", argv[3 + h]); return 1; }
    }
    double *list = calloc(repeats, sizeof *list), *one = calloc(repeats, sizeof *one);
    int vms = 0;
    for (int r = 0; r < repeats; r++) {
        double t0 = now_ms();
        vms = 0;
        for (int h = 0; h < hosts; h++) {
            virDomainPtr *doms = NULL;
            int n = virConnectListAllDomains(conns[h], &doms, 0);
            for (int i = 0; i < n; i++) { read_domain(doms[i]); virDomainFree(doms[i]); }
            free(doms);
            vms += n;
        }
        list[r] = now_ms() - t0;

        t0 = now_ms();
        for (int h = 0; h < hosts; h++) {
            virDomainPtr d = virDomainLookupByName(conns[h], exact);
            if (d) { read_domain(d); virDomainFree(d); }
        }
        one[r] = now_ms() - t0;
    }
    qsort(list, repeats, sizeof *list, cmp);
    qsort(one, repeats, sizeof *one, cmp);
    printf("list_ms=%.3f exact_ms=%.4f vms=%d\n", list[repeats / 2], one[repeats / 2], vms);
    for (int h = 0; h < hosts; h++) virConnectClose(conns[h]);
    return 0;
}
