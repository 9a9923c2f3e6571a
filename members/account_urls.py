"""allauth's views at French paths under /compte/, English ones under /en/account/ (config/urls.py,
translated by the catalogue), with allauth's URL names.

Built like allauth/account/urls.py and allauth/mfa/urls.py for the settings in
config/settings/base.py (email login, verification by link, password reset by link, login by
code, TOTP and recovery codes; no social accounts, no WebAuthn).
"""

from allauth.account import views as account
from allauth.mfa.base import views as mfa
from allauth.mfa.recovery_codes import views as recovery_codes
from allauth.mfa.totp import views as totp
from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _

urlpatterns = [
    path(_("connexion/"), account.login, name="account_login"),
    path(_("deconnexion/"), account.logout, name="account_logout"),
    path(_("inactif/"), account.account_inactive, name="account_inactive"),
    path(_("inscription/"), account.signup, name="account_signup"),
    path(_("reauthentification/"), account.reauthenticate, name="account_reauthenticate"),
    path(_("adresse/"), account.email, name="account_email"),
    path(_("confirmer-adresse/"), account.email_verification_sent, name="account_email_verification_sent"),
    re_path(_(r"^confirmer-adresse/(?P<key>[-:\w]+)/$"), account.confirm_email, name="account_confirm_email"),
    path(_("mot-de-passe/"), account.password_change, name="account_change_password"),
    path(_("mot-de-passe/definir/"), account.password_set, name="account_set_password"),
    path(_("mot-de-passe/oublie/"), account.password_reset, name="account_reset_password"),
    path(_("mot-de-passe/oublie/envoye/"), account.password_reset_done, name="account_reset_password_done"),
    path(
        _("mot-de-passe/oublie/termine/"),
        account.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    re_path(
        _(r"^mot-de-passe/oublie/cle/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$"),
        account.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(_("connexion/code/"), account.request_login_code, name="account_request_login_code"),
    path(_("connexion/code/confirmer/"), account.confirm_login_code, name="account_confirm_login_code"),
    # Two-factor authentication (allauth.mfa)
    path(_("securite/"), mfa.index, name="mfa_index"),
    path(_("securite/verification/"), mfa.authenticate, name="mfa_authenticate"),
    path(_("securite/reauthentification/"), mfa.reauthenticate, name="mfa_reauthenticate"),
    path(_("securite/application/activer/"), totp.activate_totp, name="mfa_activate_totp"),
    path(_("securite/application/desactiver/"), totp.deactivate_totp, name="mfa_deactivate_totp"),
    path(_("securite/codes-de-secours/"), recovery_codes.view_recovery_codes, name="mfa_view_recovery_codes"),
    path(
        _("securite/codes-de-secours/generer/"),
        recovery_codes.generate_recovery_codes,
        name="mfa_generate_recovery_codes",
    ),
    path(
        _("securite/codes-de-secours/telecharger/"),
        recovery_codes.download_recovery_codes,
        name="mfa_download_recovery_codes",
    ),
]
