namespace Strata.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "Admin";
}
