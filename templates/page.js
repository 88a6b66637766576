// Sortable result tables: click a header to sort its column (numbers as numbers); the row's
// text rows (tr.rowtext) travel with the row above them.
document.querySelectorAll("table.sortable").forEach((table) => {
  table.querySelectorAll("th").forEach((th, index) => {
    th.addEventListener("click", () => {
      const body = table.tBodies[0];
      const groups = [];
      for (const row of Array.from(body.rows)) {
        if (row.classList.contains("rowtext") && groups.length) groups[groups.length - 1].push(row);
        else groups.push([row]);
      }
      const up = !th.classList.contains("asc");
      table.querySelectorAll("th").forEach((h) => h.classList.remove("asc", "desc"));
      th.classList.add(up ? "asc" : "desc");
      const key = (g) => (g[0].cells[index] ? g[0].cells[index].textContent.trim() : "");
      const collator = new Intl.Collator("ru", {numeric: true});
      groups.sort((a, b) => {
        const x = key(a), y = key(b), nx = Number(x), ny = Number(y);
        const c = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) ? nx - ny : collator.compare(x, y);
        return up ? c : -c;
      });
      groups.forEach((g) => g.forEach((r) => body.appendChild(r)));
    });
  });
});
