// Keeps the MASH board's "time left" current without reloading: every element with data-due
// (an ISO time) shows the time left, or how long overdue, refreshed each 30 seconds.
function describe (milliseconds) {
  const minutesTotal = Math.floor(Math.abs(milliseconds) / 60000)
  const hours = Math.floor(minutesTotal / 60)
  const minutes = minutesTotal % 60
  const span = hours ? `${hours} h ${minutes} min` : `${minutes} min`
  return milliseconds >= 0 ? `${span} left` : `overdue by ${span}`
}

function tick () {
  for (const clock of document.querySelectorAll('[data-due]')) {
    clock.textContent = describe(new Date(clock.dataset.due) - new Date())
  }
}

setInterval(tick, 30000)
