"""The clinic's side: clinicians in clinics, the people who share their record with a clinic,
who needs attention first, one person as a therapist reads them, and the trail of every look.

A layer beside `tracking` (it reads the person's records and plans through tracking's use
cases, and tracking knows nothing of it); the front ends call one function here per use case:
`accounts` (a clinician's sign-up, inviting a colleague), `sharing` (a person's codes, shares
and revoking them; a clinic redeeming a code), `caseload` (the list by need), `reading` (one
person), `audit` (the trail, as the person sees and downloads it).
"""
