/** Request counters, read through `GET /__sim/stats`. */
export class Stats {
  total = 0;
  byRoute = new Map<string, number>();
  byStatus = new Map<number, number>();
  byRouteStatus = new Map<string, number>();
  faultsInjected = 0;

  record(route: string, status: number): void {
    this.total++;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    const k = `${route} ${status}`;
    this.byRouteStatus.set(k, (this.byRouteStatus.get(k) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
    this.byStatus.clear();
    this.byRouteStatus.clear();
    this.faultsInjected = 0;
  }

  toJSON(): Record<string, unknown> {
    return {
      total: this.total,
      faults_injected: this.faultsInjected,
      by_route: Object.fromEntries([...this.byRoute].sort()),
      by_status: Object.fromEntries([...this.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => [String(s), n])),
      by_route_status: Object.fromEntries([...this.byRouteStatus].sort()),
    };
  }
}
