using System.Text;
using Microsoft.AspNetCore.Identity;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Identity;

/// <summary>Creates accounts together with their <c>/Private/&lt;user&gt;</c> folder.</summary>
public sealed class AccountService(UserManager<StrataUser> users, RoleManager<IdentityRole> roles, FileService files, TimeProvider clock)
{
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
