"""Working days: weekends and England and Wales bank holidays.

The arithmetic (workingdays.WorkingCalendar) is pure: it is handed the holiday list. The list is
data, in the BankHoliday table, loaded from GOV.UK's published bank-holidays.json by the
`update_bank_holidays` command; current_calendar() reads it.
"""
