let s = 0;
const N = D.steps.length;
function box(k) { return document.getElementById('node-' + (D.summary ? D.groupOf[k] : k)); }
function show() {
  document.querySelectorAll('.current, .input, .active').forEach(el => el.classList.remove('current', 'input', 'active'));
  if (!D.summary) {
    const text = new Array(D.nodes).fill(null), done = new Array(D.nodes).fill(false);
    if (s >= 1) text[D.root] = D.rootGrad;
    for (let i = 0; i < s; i++) {
      const st = D.steps[i];
      done[st.n] = true;
      for (const e of st.e) text[e[0]] = e[3];
    }
    for (let k = 0; k < D.nodes; k++) {
      const g = document.getElementById('grad-' + k);
      g.textContent = 'grad ' + (text[k] === null ? '?' : text[k]);
      g.setAttribute('class', 'grad ' + (text[k] === null ? 'none' : done[k] ? 'final' : 'partial'));
    }
  }
  const status = document.getElementById('status');
  if (s === 0) {
    status.textContent = 'before backward: press Next';
    box(D.root).scrollIntoView({block: 'nearest', inline: 'nearest'});
    return;
  }
  const st = D.steps[s - 1];
  const node = box(st.n);
  node.classList.add('current');
  status.textContent = 'step ' + s + ' of ' + N + ': ' + st.name;
  if (!D.summary) {
    st.e.forEach((e, i) => {
      const edge = document.getElementById('edge-' + st.n + '-' + i);
      edge.classList.add('active');
      const label = document.getElementById('elabel-' + st.n + '-' + i);
      label.classList.add('active');
      label.textContent = '∂ ' + e[1] + ' → ' + e[2];
      box(e[0]).classList.add('input');
    });
  }
  const row = document.getElementById('step-' + s);
  row.classList.add('current');
  row.scrollIntoView({block: 'nearest'});
  node.scrollIntoView({block: 'nearest', inline: 'nearest'});
}
function go(to) { s = Math.max(0, Math.min(N, to)); show(); }
document.getElementById('next').onclick = () => go(s + 1);
document.getElementById('back').onclick = () => go(s - 1);
document.getElementById('first').onclick = () => go(0);
document.getElementById('last').onclick = () => go(N);
document.addEventListener('keydown', ev => {
  if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') { go(s + 1); ev.preventDefault(); }
  if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') { go(s - 1); ev.preventDefault(); }
});
show();
