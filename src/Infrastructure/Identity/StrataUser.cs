using Microsoft.AspNetCore.Identity;

namespace Strata.Infrastructure.Identity;

/// <summary>An account. <c>UserName</c> names the user's <c>/Private</c> folder; sign-in is by email.</summary>
public sealed class StrataUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
