// Tells GOV.UK Frontend's styles that JavaScript runs here (kept out of the page for the CSP).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
