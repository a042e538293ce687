// Progressive disclosure for radios: each radio with data-reveals="<id>" shows that block only while
// it is chosen. It does what GOV.UK Frontend's conditional reveal does, except that it sets no
// aria-expanded on the radio (an attribute ARIA does not allow on a radio, which axe reports);
// aria-controls, which ARIA allows on any element, tells assistive technology what the radio reveals.
// Without JavaScript the blocks are all shown (GOV.UK's styles hide them only when it runs).
for (const form of document.querySelectorAll('form')) {
  const radios = [...form.querySelectorAll('input[type="radio"][data-reveals]')]
  if (!radios.length) continue
  const sync = () => {
    for (const radio of radios) {
      const block = document.getElementById(radio.dataset.reveals)
      if (block) block.classList.toggle('govuk-radios__conditional--hidden', !radio.checked)
    }
  }
  for (const radio of radios) {
    radio.setAttribute('aria-controls', radio.dataset.reveals)
    radio.addEventListener('change', sync)
  }
  // Browsers restore a chosen radio on going back: reveal what it chose then too.
  window.addEventListener('pageshow', sync)
  sync()
}
