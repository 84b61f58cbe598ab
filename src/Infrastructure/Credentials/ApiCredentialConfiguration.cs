using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Infrastructure.Identity;

namespace Strata.Infrastructure.Credentials;

internal sealed class ApiCredentialConfiguration : IEntityTypeConfiguration<ApiCredential>
{
    public void Configure(EntityTypeBuilder<ApiCredential> credential)
    {
        credential.ToTable("ApiCredentials");
        credential.Property(c => c.UserId).HasMaxLength(64);
        credential.Property(c => c.Name).HasMaxLength(CredentialService.MaxNameLength);
        credential.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        credential.Property(c => c.LookupId).HasMaxLength(32);
        credential.Property(c => c.SecretHash).HasMaxLength(64);
        credential.HasIndex(c => c.LookupId).IsUnique();
        credential.HasIndex(c => new { c.UserId, c.SecretHash });
        credential.HasOne<StrataUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
