namespace Strata.Domain.Access;

/// <summary>Who is asking: the signed-in user's id and name (their /Private folder) and whether they administer Strata.</summary>
public sealed record Caller(string UserId, string UserName, bool IsAdmin);
