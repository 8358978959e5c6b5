/*
 * The reference for bench/StartVM.Bench.ps1: starting every stopped VM of the given hosts in a minimal serial C
 * loop, with the calls Start-VM needs per VM: look it up by UUID, read its state, start it, read it again.
 * Each connection to a test-driver host file has private state, so this sees the hosts as freshly built.
 * Prints "started=<n> ms=<total>".
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_common.h"



int main(int argc, char **argv) {
    int hosts = argc - 1;
    virSetErrorFunc(NULL, quiet);
    virConnectPtr *conns = calloc(hosts, sizeof *conns);
    char (**uuids)[VIR_UUID_STRING_BUFLEN] = calloc(hosts, sizeof *uuids);
    int *counts = calloc(hosts, sizeof *counts);
    for (int h = 0; h < hosts; h++) {
        conns[h] = virConnectOpen(argv[1 + h]);
        if (!conns[h]) { fprintf(stderr, "cannot open %s\n", argv[1 + h]); return 1; }
        virDomainPtr *doms = NULL;
        int n = virConnectListAllDomains(conns[h], &doms, VIR_CONNECT_LIST_DOMAINS_INACTIVE);
        uuids[h] = calloc(n > 0 ? n : 1, sizeof **uuids);
        for (int i = 0; i < n; i++) { virDomainGetUUIDString(doms[i], uuids[h][i]); virDomainFree(doms[i]); }
        free(doms);
        counts[h] = n;
    }
    int started = 0;
    double t0 = now_ms();
    for (int h = 0; h < hosts; h++) {
        for (int i = 0; i < counts[h]; i++) {
            virDomainInfo info;
            virDomainPtr d = virDomainLookupByUUIDString(conns[h], uuids[h][i]);
            if (!d) continue;
            virDomainGetInfo(d, &info);
            if (virDomainCreate(d) == 0) started++;
            virDomainGetInfo(d, &info);
            virDomainFree(d);
        }
    }
    printf("started=%d ms=%.1f\n", started, now_ms() - t0);
    for (int h = 0; h < hosts; h++) virConnectClose(conns[h]);
    return 0;
}
