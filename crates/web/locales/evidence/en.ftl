## evidence
# Evidence, referees and notifications.

nav-inbox = Inbox

inbox-title = Inbox
inbox-lead = What the platform has sent you, newest first.
inbox-empty = Nothing has been sent to you yet.
inbox-open = Open

notify-referee_request-subject = { $applicant } asks you to confirm their experience
notify-referee_request-body = Dear { $referee }, { $applicant } has named you as a referee on an application for the mutual recognition of engineering qualifications. Please confirm or decline the experience they state, within { $days } days, at { $link }. The link works once.
notify-action_needed-subject = An application waits for you
notify-action_needed-body = Application { $application } waits for you to act ({ $action }): { $link }

referee-title = Confirm an engineer's experience
referee-lead = Dear { $referee }, an applicant has named you as a referee. Please read the experience they state and confirm or decline it.
referee-statement = The stated experience
referee-expires = This link works once, until { $at } (UTC).
referee-comment = Comment (optional)
referee-confirm = I confirm this experience
referee-decline = I cannot confirm this
referee-confirmed-title = Thank you
referee-confirmed-body = Your confirmation has been recorded. The societies reviewing the application will see it. You may close this page.
referee-declined-title = Thank you
referee-declined-body = Your answer has been recorded: you did not confirm the stated experience. You may close this page.
referee-used-title = This link has already been used
referee-used-body = An answer was already given through this link, and nothing more has been recorded. If you believe this is a mistake, contact the applicant.
referee-expired-title = This link has expired
referee-expired-body = The time to answer through this link has passed, and nothing has been recorded. The applicant can ask for a new link.
referee-unknown-title = This link is not valid
referee-unknown-body = No referee request matches this link, and nothing has been recorded. Check that the whole link was copied.

evidence-title = Evidence
evidence-lead = Files kept on the engineer's profile, verified once and shown as verified in every application.
evidence-empty = No files yet.
evidence-file = File
evidence-type = Type
evidence-size = Size (bytes)
evidence-uploaded = Uploaded
evidence-verification = Verification
evidence-verified = Verified
evidence-verified-by = by { $name } on { $at }
evidence-unverified = Not verified yet
evidence-verify = Verify
