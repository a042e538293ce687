// Saves a draft to the server a few seconds after the writer stops typing (and every ten seconds
// during long typing), so a draft is never lost: a case note's, an assessment's narrative, any form
// marked data-draft-autosave (the server side is hearth/core/drafts.py). Progressive: without this
// script the "Save draft" button does the same.
// The server refuses a save made from an older version of the draft (someone else saved it in
// between): autosave then stops, says so, and shows what they changed (the markup the server
// renders, core/draft_conflict.html); what was typed stays on the screen, and the writer chooses
// what to do with "Save draft".
const DELAY_MS = 3000 // after a pause in typing
const MAX_WAIT_MS = 10000 // and at least this often while typing goes on

const form = document.querySelector('form[data-draft-autosave]')
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

  // The server's own markup for the conflict (rendered from the template the page uses), so the
  // two always read the same; the text in it was escaped by the server's templates.
  const showChanges = (html) => {
    document.getElementById('conflict')?.remove()
    form.insertAdjacentHTML('beforebegin', html)
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
        showChanges(answer.conflict_html || '')
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
