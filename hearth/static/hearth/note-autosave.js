// Saves a case-note draft to the server a few seconds after the writer stops typing (and every
// ten seconds during long typing), so a draft is never lost. Progressive: without this script
// the "Save draft" button does the same.
// The server refuses a save made from an older version of the draft (someone else saved it in
// between): autosave then stops, says so, and shows what they changed; what was typed stays on
// the screen, and the writer chooses what to do with "Save draft".
const DELAY_MS = 3000 // after a pause in typing
const MAX_WAIT_MS = 10000 // and at least this often while typing goes on

const form = document.querySelector('form[data-note-autosave]')
if (form) {
  const status = document.getElementById('autosave-status')
  const version = form.querySelector('input[name="version"]')
  let timer = null
  let saving = false
  let again = false
  let stopped = false
  let lastSaveAt = Date.now()
  let waitingSubmit = null // a button pressed while an autosave was on its way
  // form.action would be the buttons named "action": the attribute is read instead.
  const target = () => new URL(form.getAttribute('action'), window.location.href).href

  const say = (text) => { if (status) status.textContent = text }

  const showChanges = (message, changes) => {
    const panel = document.createElement('div')
    panel.className = 'govuk-inset-text hearth-conflict'
    panel.id = 'conflict'
    const heading = document.createElement('h2')
    heading.className = 'govuk-heading-m'
    heading.textContent = 'Someone else saved this draft'
    panel.append(heading)
    const intro = document.createElement('p')
    intro.className = 'govuk-body'
    intro.textContent = message
    panel.append(intro)
    for (const change of changes) {
      const field = document.createElement('h3')
      field.className = 'govuk-heading-s'
      field.textContent = change.field
      const theirs = document.createElement('p')
      theirs.className = 'govuk-body hearth-prose'
      theirs.textContent = `Theirs: ${change.theirs || '(empty)'}`
      panel.append(field, theirs)
    }
    document.getElementById('conflict')?.remove()
    form.before(panel)
  }

  const save = async () => {
    if (stopped) return
    if (saving) { again = true; return }
    saving = true
    lastSaveAt = Date.now()
    const body = new FormData(form)
    body.set('action', 'autosave')
    try {
      const response = await fetch(target(), {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin'
      })
      const answer = await response.json()
      if (answer.saved) {
        if (version) version.value = answer.version
        if (target() !== new URL(answer.edit_url, window.location.href).href) {
          form.setAttribute('action', answer.edit_url)
          window.history.replaceState(null, '', answer.edit_url)
        }
        say(`Draft saved at ${answer.saved_at}.`)
      } else if (answer.stale) {
        stopped = true
        say('Autosave stopped: someone else saved this draft. Your text is still here.')
        showChanges(answer.message, answer.changes || [])
      } else {
        say(`Draft not saved yet: ${answer.message}`)
      }
    } catch (error) {
      say('Draft not saved: no connection. Keep this page open and use "Save draft".')
    } finally {
      saving = false
      if (waitingSubmit) {
        // Sent now, with the version and address the autosave just brought back.
        const button = waitingSubmit
        waitingSubmit = null
        form.requestSubmit(button)
      } else if (again) {
        again = false
        schedule()
      }
    }
  }

  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(save, Date.now() - lastSaveAt >= MAX_WAIT_MS ? 0 : DELAY_MS)
  }

  form.addEventListener('input', schedule)
  form.addEventListener('change', schedule)
  form.addEventListener('submit', (event) => {
    clearTimeout(timer)
    if (saving) {
      event.preventDefault()
      waitingSubmit = event.submitter
      return
    }
    stopped = true
  })
}
