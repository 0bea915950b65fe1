"""Review operations, one small function per reviewer action (Anki style): a facade.

This module only re-exports; each action lives in a module with one job, and
the GUI's buttons and the CLI's `decide` keep calling `operations.approve` etc.:

- `review_context`: loading the review for the signed-in user, the revision and
  permission checks (refusals audited), the request's fixed policy, the engine;
- `review_reading`: the evaluation, the denial reasons to prefill, the open pend;
- `autosave`: saving checklist answers and comments;
- `state_changes`: refer, resume from a pend, information not received, cancel;
- `decisions`: approve, deny and pend, each signing its letter;
- `outcome_records`: the determination, new state and audit entry an action writes;
- `policy_assignment`: reassigning the policy a request is reviewed against;
- `work_queue`: the decision clock and the queue of open reviews.

The rules live in `permissions` and `states`, and are checked on every call
against the account as stored now (a deactivated or locked user can do nothing).
Audit details carry ids, codes and roles only, never PHI.
"""

from __future__ import annotations

from ixreview.workflow.autosave import save_answer, save_answers
from ixreview.workflow.decisions import approve, deny, pend
from ixreview.workflow.policy_assignment import reassign_policy
from ixreview.workflow.review_context import DEFAULT_POLICY_SETTING, Result, policy_key
from ixreview.workflow.review_reading import denial_prefill, evaluate_review, information_request
from ixreview.workflow.state_changes import (
    cancel,
    information_not_received,
    refer,
    resume_from_pend,
)
from ixreview.workflow.work_queue import QueueItem, decision_clock, queue

__all__ = [
    "DEFAULT_POLICY_SETTING",
    "QueueItem",
    "Result",
    "approve",
    "cancel",
    "decision_clock",
    "denial_prefill",
    "deny",
    "evaluate_review",
    "information_not_received",
    "information_request",
    "pend",
    "policy_key",
    "queue",
    "reassign_policy",
    "refer",
    "resume_from_pend",
    "save_answer",
    "save_answers",
]
