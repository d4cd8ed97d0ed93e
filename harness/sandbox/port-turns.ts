// Without namespaces, servers share the machine's ports. A run whose server takes the port the
// harness picked can go beside others like it (shared); a run whose server binds a port of its
// own choosing (exclusive) goes alone, since another server may want that same port. Turns are
// granted in the order asked, so a waiting exclusive run is not starved by a stream of shared ones.
export class PortTurns {
  private shared = 0;
  private exclusive = false;
  private readonly queue: { readonly kind: 'shared' | 'exclusive'; readonly grant: () => void }[] = [];

  run<T>(kind: 'shared' | 'exclusive', work: () => Promise<T>): Promise<T> {
    return new Promise<void>((grant) => {
      this.queue.push({ kind, grant });
      this.next();
    }).then(async () => {
      try {
        return await work();
      } finally {
        if (kind === 'shared') this.shared--;
        else this.exclusive = false;
        this.next();
      }
    });
  }

  private next(): void {
    for (let head = this.queue[0]; head !== undefined; head = this.queue[0]) {
      if (this.exclusive) return;
      if (head.kind === 'exclusive' && this.shared > 0) return;
      this.queue.shift();
      if (head.kind === 'exclusive') this.exclusive = true;
      else this.shared++;
      head.grant();
    }
  }
}
