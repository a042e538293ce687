// The Returns page's progress bar: asks how far the run has got every two seconds and moves the bar;
// when the run has finished, loads the page again to show its results. Without script the page
// offers a link to refresh it.
const box = document.getElementById('run-progress')

async function poll () {
  const response = await fetch(box.dataset.progressUrl, { headers: { Accept: 'application/json' } })
  if (!response.ok) return
  const run = await response.json()
  if (run.finished) {
    window.location.reload()
    return
  }
  document.getElementById('run-progress-bar').value = run.percent
  box.querySelector('label').textContent = run.stage
  const counted = run.total ? ` (${run.done} of ${run.total})` : ''
  document.getElementById('run-progress-text').textContent = `${run.percent}% done${counted}.`
  setTimeout(poll, 2000)
}

if (box) setTimeout(poll, 2000)
