// The voucher form's help while typing: lines added and removed, the running totals and the difference until the
// voucher balances, and the total in 人民币大写 (written by the server, the one implementation). The server checks
// everything again; without this script the form still posts.
(function () {
  const form = document.getElementById("voucher-form");
  if (!form) return;
  const body = form.querySelector("#lines tbody");

  const fen = (text) => {
    const s = (text || "").replace(/[,，\s]/g, "");
    if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return 0;
    const [whole, part = ""] = s.replace("-", "").split(".");
    const value = Number(whole) * 100 + Number((part + "00").slice(0, 2));
    return s.startsWith("-") ? -value : value;
  };
  const yuan = (f) => (f / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  let lastTotal = null;
  function update() {
    let debit = 0, credit = 0;
    body.querySelectorAll("input.debit").forEach((i) => (debit += fen(i.value)));
    body.querySelectorAll("input.credit").forEach((i) => (credit += fen(i.value)));
    form.querySelector("#total-debit").textContent = yuan(debit);
    form.querySelector("#total-credit").textContent = yuan(credit);
    const difference = form.querySelector("#difference");
    difference.textContent = debit === credit ? "0.00（借贷平衡）" : yuan(debit - credit);
    difference.className = "difference " + (debit === credit && debit !== 0 ? "balanced" : "unbalanced");
    const capitals = form.querySelector("#capitals");
    if (debit !== credit || debit === 0) {
      capitals.textContent = "";
      lastTotal = null;
    } else if (debit !== lastTotal) {
      lastTotal = debit;
      fetch(`?handler=capitals&amount=${(debit / 100).toFixed(2)}`, { credentials: "same-origin" })
        .then((r) => r.json())
        .then((j) => { if (lastTotal === debit) capitals.textContent = "人民币（大写）" + j.text; })
        .catch(() => {});
    }
  }

  function renumber() {
    body.querySelectorAll("tr.line").forEach((row, i) =>
      row.querySelectorAll("input").forEach((input) => (input.name = input.name.replace(/Lines\[\d+\]/, `Lines[${i}]`))));
  }

  form.querySelector("#add-line").addEventListener("click", () => {
    const rows = body.querySelectorAll("tr.line");
    const row = rows[rows.length - 1].cloneNode(true);
    row.querySelectorAll("input").forEach((input) => (input.value = ""));
    body.appendChild(row);
    renumber();
    row.querySelector("input").focus();
  });

  body.addEventListener("click", (e) => {
    if (!e.target.classList.contains("remove-line")) return;
    if (body.querySelectorAll("tr.line").length <= 2) return; // a voucher has at least two lines
    e.target.closest("tr").remove();
    renumber();
    update();
  });

  body.addEventListener("input", update);
  update();
})();
