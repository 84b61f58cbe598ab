using Strata.Domain.Sharing;

namespace Strata.Domain.Tests.Sharing;

public sealed class LinkPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_open_policy_allows_any_terms() =>
        LinkPolicy.Open(LinkKind.Download).Violation(hasPassword: false, expiresAt: null, Now).ShouldBeNull();

    [Fact]
    public void A_required_password_is_named_when_missing()
    {
        var policy = new LinkPolicy { Kind = LinkKind.Upload, RequirePassword = true };

        policy.Violation(hasPassword: false, expiresAt: null, Now)!.ShouldContain("password required");
        policy.Violation(hasPassword: true, expiresAt: null, Now).ShouldBeNull();
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(8, false)]
    [InlineData(7, true)]
    [InlineData(1, true)]
    public void A_maximum_expiry_needs_an_expiry_within_it(int? days, bool allowed)
    {
        var policy = new LinkPolicy { Kind = LinkKind.Download, MaxExpiryDays = 7 };

        var violation = policy.Violation(hasPassword: false, days is { } d ? Now.AddDays(d) : null, Now);

        (violation is null).ShouldBe(allowed);
        if (!allowed)
        {
            violation!.ShouldContain("maximum expiry");
        }
    }
}
