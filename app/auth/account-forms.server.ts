/**
 * The account forms (forgot and reset password, invitations, the account page, API tokens) as
 * zod schemas whose messages are message keys: server-only, so zod stays out of the pages.
 */
import { z } from 'zod';
import { idField } from '~/utils/forms.server';

export const ForgotForm = z.object({
  email: z.string('forgot.emailRequired').trim().min(1, 'forgot.emailRequired').max(320, 'forgot.emailInvalid').pipe(z.email('forgot.emailInvalid')),
});

export const AcceptForm = z.object({
  name: z.string('invite.nameRequired').trim().min(1, 'invite.nameRequired').max(200, 'invite.nameTooLong'),
  // Length and strength are passwordProblem's to judge (newPasswordErrors).
  password: z.string('password.required'),
  confirm: z.string('password.confirmRequired'),
});

// Length and strength are passwordProblem's to judge (newPasswordErrors).
export const ResetForm = z.object({ password: z.string('password.required'), confirm: z.string('password.confirmRequired') });

export const ChangePasswordForm = z.object({
  currentPassword: z.string('account.currentPasswordRequired').min(1, 'account.currentPasswordRequired').max(1024, 'account.currentPasswordWrong'),
  // Length and strength are passwordProblem's to judge (newPasswordErrors).
  password: z.string('password.required'),
  confirm: z.string('password.confirmRequired'),
});

export const InviteForm = z.object({
  email: z.string('review.emailRequired').trim().min(1, 'review.emailRequired').max(320, 'review.emailInvalid').pipe(z.email('review.emailInvalid')),
  role: z.enum(['FILER', 'HEAD'], 'review.roleRequired'),
  agencyId: z.string('review.agencyRequired').regex(/^[1-9]\d{0,9}$/, 'review.agencyRequired').transform(Number),
});

/** The agency and role the invitation would grant; a role that cannot be read is judged as the least one. */
export const InviteScope = z.object({ agencyId: InviteForm.shape.agencyId, role: InviteForm.shape.role.catch('FILER') });

export const ApiTokenIntent = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), name: z.string().trim().min(1).max(80) }),
  z.object({ intent: z.literal('revoke'), tokenId: idField() }),
]);
