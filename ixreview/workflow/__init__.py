"""Reviewers, roles and the review workflow: the one place the rules are enforced.

Both the GUI and the CLI call the operations here (one small function per user
action, in `accounts` and `operations`); neither decides who may do what.

Modules:
- `states`: the review state machine and the decision codes (A1, A3, A4, C);
- `permissions`: who may approve, refer, deny, pend, resume and cancel;
- `passwords`, `lockout`, `idle`: password policy and Argon2id hashing,
  lockout after failed sign-ins, the idle-lock timing model;
- `clock`: the decision clock per plan type and urgency;
- `accounts` (a facade over `sessions` and `account_management`): first
  administrator, sign-in, adding and deactivating users;
- `operations` (a facade over `autosave`, `state_changes`, `decisions`,
  `policy_assignment`, `work_queue`, `review_reading`): saving answers, referring,
  pending, resuming, cancelling, approving and denying (deciding signs the letter and
  commits atomically);
- `records`, `settings_form`, `plan_settings`, `letter_records`, `teamwork`: what the
  desk and the command line may do with the record (the one gate).

Importing this package is cheap: nothing here imports pyHanko at module level.
"""
