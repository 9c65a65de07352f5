-- The language a person's reminder mails and digest are written in (issue 15): 'en' or 'es',
-- chosen on /account; null means English.
ALTER TABLE "app_user" ADD COLUMN "mail_language" TEXT;
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_mail_language_check" CHECK ("mail_language" IN ('en', 'es'));
