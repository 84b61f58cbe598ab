using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Identity;

/// <summary>Creates accounts together with their <c>/Private/&lt;user&gt;</c> folder.</summary>
public sealed class AccountService(UserManager<StrataUser> users, RoleManager<IdentityRole> roles, FileService files, TimeProvider clock)
{
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

    public async Task<IdentityResult> CreateUserAsync(string email, string password, bool admin, CancellationToken cancellationToken)
    {
        var user = new StrataUser
        {
            Email = email,
            UserName = await UniqueUserNameAsync(email),
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return result;
        }

        if (admin)
        {
            if (!await roles.RoleExistsAsync(Roles.Admin))
            {
                await roles.CreateAsync(new IdentityRole(Roles.Admin));
            }

            await users.AddToRoleAsync(user, Roles.Admin);
        }

        await files.EnsurePrivateFolderAsync(user.UserName!, cancellationToken);
        return result;
    }

    public async Task<IReadOnlyList<UserSummary>> ListUsersAsync(CancellationToken cancellationToken)
    {
        var admins = (await users.GetUsersInRoleAsync(Roles.Admin)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var all = await users.Users.AsNoTracking()
            .OrderBy(u => u.NormalizedUserName)
            .Select(u => new { u.Id, u.UserName, u.Email, u.LockoutEnd, u.CreatedAt })
            .ToListAsync(cancellationToken);
        return all.Select(u => new UserSummary(u.Id, u.UserName!, u.Email!, admins.Contains(u.Id), u.LockoutEnd > now, u.CreatedAt)).ToList();
    }

    public async Task<UserSummary?> FindUserAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        return user is null ? null : await SummaryAsync(user);
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

    private async Task<UserSummary> SummaryAsync(StrataUser user) =>
        new(user.Id, user.UserName!, user.Email!, await users.IsInRoleAsync(user, Roles.Admin), user.LockoutEnd > clock.GetUtcNow(), user.CreatedAt);

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

public sealed record UserSummary(string Id, string UserName, string Email, bool IsAdmin, bool Disabled, DateTimeOffset CreatedAt);
