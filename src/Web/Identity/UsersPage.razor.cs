using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Strata.Infrastructure.Identity;

namespace Strata.Web.Identity;

/// <summary>
/// Accounts for administrators: list, create, disable or enable, reset the password or two-factor sign-in.
/// Every action is an <see cref="AccountService"/> call, the same the admin REST API makes.
/// </summary>
public sealed partial class UsersPage
{
    private IReadOnlyList<UserSummary> _users = [];
    private bool _loading = true;
    private string? _me;
    private string _email = string.Empty;
    private string _displayName = string.Empty;
    private string _password = string.Empty;
    private bool _admin;
    private RevealedPassword? _revealed;

    [Inject]
    private ScopedAccounts Accounts { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>A password the administrator must see once: a generated one has no other way out.</summary>
    private sealed record RevealedPassword(string Email, string Password);

    protected override async Task OnInitializedAsync()
    {
        _me = (await AuthenticationState).User.ToCaller().UserId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _users = await Accounts.RunAsync(a => a.ListUsersAsync(CancellationToken.None));
        _loading = false;
    }

    private async Task CreateAsync()
    {
        var email = _email.Trim();
        var (password, generated) = ChoosePassword(_password);
        var (result, _) = await Accounts.RunAsync(a => a.CreateUserAsync(email, _displayName, password, _admin, CancellationToken.None));
        if (!result.Succeeded)
        {
            Snackbar.Add(AccountService.Describe(result), Severity.Error);
            return;
        }

        _revealed = generated ? new RevealedPassword(email, password) : null;
        (_email, _displayName, _password, _admin) = (string.Empty, string.Empty, string.Empty, false);
        Snackbar.Add($"Created {email}.", Severity.Success);
        await LoadAsync();
    }

    private async Task SetDisabledAsync(UserSummary user, bool disabled)
    {
        if (disabled && !await ConfirmAsync("Disable account", $"{user.Email} will be signed out everywhere and cannot sign in until enabled again.", "Disable"))
        {
            return;
        }

        Report(await Accounts.RunAsync(a => a.SetDisabledAsync(user.Id, disabled)), $"{user.Email} is {(disabled ? "disabled" : "enabled")}.");
        await LoadAsync();
    }

    private async Task ResetPasswordAsync(UserSummary user)
    {
        var parameters = new DialogParameters<PasswordDialog> { { d => d.Message, $"The old password of {user.Email} stops working at once." } };
        var answer = await (await Dialogs.ShowAsync<PasswordDialog>("Reset password", parameters)).Result;
        if (answer is not { Canceled: false, Data: string typed })
        {
            return;
        }

        var (password, generated) = ChoosePassword(typed);
        switch (await Accounts.RunAsync(a => a.ResetPasswordAsync(user.Id, password)))
        {
            case null:
                Snackbar.Add($"{user.Email} no longer exists.", Severity.Error);
                break;
            case { Succeeded: false } failed:
                Snackbar.Add(AccountService.Describe(failed), Severity.Error);
                return;
            default:
                _revealed = generated ? new RevealedPassword(user.Email, password) : null;
                Snackbar.Add($"New password set for {user.Email}.", Severity.Success);
                break;
        }

        await LoadAsync();
    }

    private async Task ResetTwoFactorAsync(UserSummary user)
    {
        if (!await ConfirmAsync("Reset two-factor", $"{user.Email} will sign in with the password alone and can set up a new authenticator.", "Reset"))
        {
            return;
        }

        Report(await Accounts.RunAsync(a => a.ResetTwoFactorAsync(user.Id)), $"Two-factor sign-in of {user.Email} is off.");
        await LoadAsync();
    }

    /// <summary>The typed password, or a generated one when the field was left empty.</summary>
    private static (string Password, bool Generated) ChoosePassword(string? typed) =>
        string.IsNullOrEmpty(typed) ? (AccountService.GeneratePassword(), true) : (typed, false);

    private async Task<bool> ConfirmAsync(string title, string message, string action) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: action, cancelText: "Cancel") == true;

    private void Report(UserSummary? changed, string success) =>
        Snackbar.Add(changed is null ? "That account no longer exists." : success, changed is null ? Severity.Error : Severity.Success);
}
