using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Identity;

/// <summary>
/// Creates accounts together with their <c>/Private/&lt;user&gt;</c> folder, and carries out what administrators
/// do to accounts; the admin REST API and the admin pages both call these methods.
/// </summary>
public sealed class AccountService(UserManager<StrataUser> users, RoleManager<IdentityRole> roles, IAccountSetup setup, TimeProvider clock)
{
    /// <summary>No look-alikes (0/o, 1/l/i), so that a password read off a screen is typed right the first time.</summary>
    private const string PasswordAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>Serialises first-run setup so that two visitors cannot both become the first administrator.</summary>
    private static readonly SemaphoreSlim SetupGate = new(1, 1);

    public async Task<bool> IsSetupRequiredAsync(CancellationToken cancellationToken) => !await users.Users.AnyAsync(cancellationToken);

    /// <summary>Creates the first administrator while no account exists; null when setup was already done.</summary>
    public async Task<IdentityResult?> SetUpAdministratorAsync(string email, string password, CancellationToken cancellationToken)
    {
        await SetupGate.WaitAsync(cancellationToken);
        try
        {
            return await users.Users.AnyAsync(cancellationToken) ? null : await CreateUserAsync(email, password, admin: true, cancellationToken);
        }
        finally
        {
            SetupGate.Release();
        }
    }

    public async Task<IdentityResult> CreateUserAsync(string email, string password, bool admin, CancellationToken cancellationToken) =>
        (await CreateUserAsync(email, displayName: null, password, admin, cancellationToken)).Result;

    /// <summary>
    /// Creates an account; the email's local part becomes the user name (and private folder name), a blank
    /// <paramref name="displayName"/> means none, and the password must meet the password policy.
    /// </summary>
    public async Task<AccountCreation> CreateUserAsync(string email, string? displayName, string password, bool admin, CancellationToken cancellationToken)
    {
        var user = new StrataUser
        {
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            UserName = await UniqueUserNameAsync(email),
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return new AccountCreation(result, null);
        }

        if (admin)
        {
            if (!await roles.RoleExistsAsync(Roles.Admin))
            {
                await roles.CreateAsync(new IdentityRole(Roles.Admin));
            }

            await users.AddToRoleAsync(user, Roles.Admin);
        }

        await setup.PrepareAsync(user.UserName!, cancellationToken);

        // The new account is all in memory: nothing needs reading back.
        return new AccountCreation(result, Summary(user, admin));
    }

    public async Task<IReadOnlyList<UserSummary>> ListUsersAsync(CancellationToken cancellationToken)
    {
        var admins = (await users.GetUsersInRoleAsync(Roles.Admin)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var all = await users.Users.AsNoTracking()
            .OrderBy(u => u.NormalizedUserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.LockoutEnd, u.TwoFactorEnabled, u.CreatedAt })
            .ToListAsync(cancellationToken);
        return all
            .Select(u => new UserSummary(u.Id, u.UserName!, u.DisplayName, u.Email!, admins.Contains(u.Id), u.LockoutEnd > now, u.TwoFactorEnabled, u.CreatedAt))
            .ToList();
    }

    /// <summary>
    /// Disables (locks out indefinitely) or re-enables an account. Disabling renews the security stamp,
    /// which ends cookie sessions and forgets briefly remembered Basic passwords.
    /// </summary>
    public async Task<UserSummary?> SetDisabledAsync(string id, bool disabled)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null);
        if (disabled)
        {
            await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        return await SummaryAsync(user);
    }

    /// <summary>Sets a new password chosen by an administrator; null when the user does not exist.</summary>
    public async Task<IdentityResult?> ResetPasswordAsync(string id, string password)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        return await users.ResetPasswordAsync(user, token, password);
    }

    /// <summary>
    /// Turns two-factor sign-in off and replaces the authenticator key, for someone who lost their phone: the old
    /// key can never produce a valid code again, and the renewed security stamp ends the account's sessions.
    /// Null when the user does not exist.
    /// </summary>
    public async Task<UserSummary?> ResetTwoFactorAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return await SummaryAsync(user);
    }

    /// <summary>A random password for an administrator to hand over: 20 characters of an unambiguous alphabet (about 99 bits).</summary>
    public static string GeneratePassword() =>
        string.Join('-', RandomNumberGenerator.GetString(PasswordAlphabet, 20).Chunk(5).Select(group => new string(group)));

    /// <summary>What went wrong, in the words Identity gives each error, for a problem detail or a snackbar.</summary>
    public static string Describe(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Join(" ", result.Errors.Select(e => e.Description));
    }

    private async Task<UserSummary> SummaryAsync(StrataUser user) => Summary(user, await users.IsInRoleAsync(user, Roles.Admin));

    private UserSummary Summary(StrataUser user, bool isAdmin) => new(
        user.Id, user.UserName!, user.DisplayName, user.Email!, isAdmin, user.LockoutEnd > clock.GetUtcNow(), user.TwoFactorEnabled, user.CreatedAt);

    /// <summary>The email's local part, made a valid folder name and unique: <c>alice</c>, <c>alice-2</c>, …</summary>
    private async Task<string> UniqueUserNameAsync(string email)
    {
        var local = email.Split('@')[0];
        var cleaned = new StringBuilder();
        foreach (var c in local)
        {
            cleaned.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-');
        }

        var stem = cleaned.ToString().Trim('.', '-', ' ');
        if (!NodeName.TryCreate(stem, out _, out _))
        {
            stem = "user";
        }

        var candidate = stem;
        for (var n = 2; await users.FindByNameAsync(candidate) is not null; n++)
        {
            candidate = $"{stem}-{n}";
        }

        return candidate;
    }
}

/// <summary>What creating an account came to: Identity's result and, when it succeeded, the new account.</summary>
public sealed record AccountCreation(IdentityResult Result, UserSummary? User);

/// <summary>An account as administrators see it; <c>Disabled</c> means locked out until re-enabled.</summary>
public sealed record UserSummary(
    string Id, string UserName, string? DisplayName, string Email, bool IsAdmin, bool Disabled, bool TwoFactorEnabled, DateTimeOffset CreatedAt);
