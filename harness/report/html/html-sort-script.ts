// The class page's only script: sorts the table by the clicked column (numbers high first, text A–Z).
export const sortScript = `(() => {
  for (const table of document.querySelectorAll('table[data-sortable]')) {
    const headers = Array.from(table.tHead.rows[0].cells);
    for (const th of headers) {
      const button = th.querySelector('button');
      if (button === null) continue;
      button.addEventListener('click', () => {
        const numeric = th.dataset.type === 'number';
        const first = numeric ? 'descending' : 'ascending';
        const next = th.getAttribute('aria-sort') === first ? (numeric ? 'ascending' : 'descending') : first;
        for (const other of headers) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', next);
        const sign = next === 'ascending' ? 1 : -1;
        const key = (row) => {
          const cell = row.cells[th.cellIndex];
          return cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
        };
        const body = table.tBodies[0];
        const rows = Array.from(body.rows).sort((a, b) => {
          const x = key(a);
          const y = key(b);
          const order = numeric ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true });
          return sign * order;
        });
        body.append(...rows);
      });
    }
  }
})();`;
