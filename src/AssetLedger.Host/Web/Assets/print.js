// The print button of a voucher: the paper 记账凭证 from the browser's print dialog (no inline script: the pages' CSP forbids it).
document.querySelectorAll('[data-print]').forEach((button) => button.addEventListener('click', () => window.print()));
