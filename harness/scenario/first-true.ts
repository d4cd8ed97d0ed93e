// Resolves true as soon as one of the waits does, false once all have resolved false.
export function firstTrue(waits: readonly Promise<boolean>[]): Promise<boolean> {
  return new Promise((resolve) => {
    let pending = waits.length;
    if (pending === 0) resolve(false);
    for (const wait of waits) {
      void wait.then((value) => {
        pending--;
        if (value) resolve(true);
        else if (pending === 0) resolve(false);
      });
    }
  });
}
