"""The scripts the conversation and reader panels run in the browser (Gradio's js_on_load)."""

# Copy with the Clipboard API, or a hidden textarea where it is unavailable (plain http off localhost).
COPY_JS = """
const copyCitation = async (button) => {
  const text = button.dataset.copy;
  try { await navigator.clipboard.writeText(text); } catch (error) {
    const area = document.createElement('textarea');
    area.value = text; document.body.appendChild(area); area.select();
    document.execCommand('copy'); area.remove();
  }
  const label = button.textContent;
  button.textContent = 'Copied ✓';
  setTimeout(() => { button.textContent = label; }, 1500);
};
"""
# A tab switched to by the same update that fills it may not be laid out yet, and on a busy machine that can
# take seconds: act once the element has a size (ResizeObserver fires as it is first laid out), not on a timer.
WHEN_SHOWN_JS = """
const whenShown = (target, show) => {
  if (target.offsetParent !== null) { show(target); return; }
  const observer = new ResizeObserver(() => {
    if (target.offsetParent === null) return;
    observer.disconnect();
    show(target);
  });
  observer.observe(target);
};
"""
# Links: an answer's or paragraph's link goes into the browser history when it is shown, and Back/Forward
# (popstate) follow the link they land on inside the app. Bring the newest question into view when it is
# asked and again when its answer is complete.
CONVERSATION_JS = (
    COPY_JS
    + WHEN_SHOWN_JS
    + """
const sameLink = (a, b) => new URLSearchParams(a).toString() === new URLSearchParams(b).toString();
const remember = (link) => {
  if (!sameLink(link, location.search)) history.pushState(null, '', link || location.pathname);
};
const downloadBriefing = () => {
  const text = element.querySelector('textarea.briefing').value;
  const anchor = document.createElement('a');
  anchor.href = URL.createObjectURL(new Blob([text], {type: 'text/markdown'}));
  anchor.download = `panel-papers-briefing-${new Date().toISOString().slice(0, 10)}.md`;
  document.body.appendChild(anchor); anchor.click(); anchor.remove();
  setTimeout(() => URL.revokeObjectURL(anchor.href), 1000);
};
const follow = (link) => trigger('select', {index: 0, value: link});
const showExchange = (link) => {
  const match = [...element.querySelectorAll('.exchange')].find((e) => sameLink(e.dataset.link, link));
  if (match) whenShown(match, () => match.scrollIntoView({block: 'start'}));
};
window.ppaFollow = (link) => { remember(link); follow(link); };
// Quick Back-Back or Forward-Forward: follow only where the browser ends up (Gradio drops a second
// trigger that arrives while the first is being answered).
let settling = null;
window.addEventListener('popstate', () => {
  clearTimeout(settling);
  settling = setTimeout(() => { follow(location.search); showExchange(location.search); }, 150);
});
element.addEventListener('click', (event) => {
  const copy = event.target.closest('[data-copy]');
  if (copy) { copyCitation(copy); return; }
  if (event.target.closest('[data-download]')) { downloadBriefing(); return; }
  const link = event.target.closest('a.permalink, button.open');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  if (link.closest('.source, .examples')) { window.ppaFollow(link.dataset.link); return; }
  remember(link.dataset.link);
  showExchange(link.dataset.link);
});
let seen = '';
watch('value', () => {
  const fresh = element.querySelector('.exchange[data-fresh]');
  if (fresh) remember(fresh.dataset.link);
  const exchanges = element.querySelectorAll('.exchange');
  const last = exchanges[exchanges.length - 1];
  const state = exchanges.length + (last && last.querySelector('.pending') ? ' pending' : ' done');
  if (last && state !== seen) last.scrollIntoView({block: 'start'});
  seen = state;
});
"""
)
# The reader tab is rendered when first shown, and may still be hidden when a new value arrives:
# look for the target at load and after each change, and bring it on screen once it is laid out.
READER_JS = (
    COPY_JS
    + WHEN_SHOWN_JS
    + """
element.addEventListener('click', (event) => {
  const copy = event.target.closest('[data-copy]');
  if (copy) { copyCitation(copy); return; }
  const link = event.target.closest('a.permalink');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  window.ppaFollow(link.dataset.link);
});
const showTarget = () => {
  const target = element.querySelector('.para.target');
  if (!target) return;
  whenShown(target, () => { target.scrollIntoView({block: 'center'}); target.focus({preventScroll: true}); });
};
showTarget();
watch('value', showTarget);
"""
)
