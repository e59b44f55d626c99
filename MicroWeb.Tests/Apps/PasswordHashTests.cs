
namespace MicroWeb.Tests.Apps;

public class PasswordHashTests
{
    [Fact]
    public void A_generated_hash_checks_and_is_salted()
    {
        var hash = PasswordHash.Generate("s3cret", iterations: 1000);
        hash.ShouldStartWith("pbkdf2:sha256:1000$");
        PasswordHash.Check(hash, "s3cret").ShouldBeTrue();
        PasswordHash.Check(hash, "S3cret").ShouldBeFalse();
        PasswordHash.Generate("s3cret", 1000).ShouldNotBe(hash);
    }

    [Theory] // written by Python's hashlib.pbkdf2_hmac, in Werkzeug's format
    [InlineData("pbkdf2:sha256:1000$abcdefgh$d4fdeea8da1d606d78386d209e3910737c282dab706e3415036838443a234776", "test", true)]
    [InlineData("pbkdf2:sha512:1000$abcdefgh$a9a5be5aaeefe8fcaf30e73808e5a307e31420987492c646c5a11947031b81923f26382a4bb109540af9653c312ab9208a8724f3ec9f1eb36307c2d0f1c3fd8b", "other", true)]
    [InlineData("pbkdf2:sha256:1000$abcdefgh$d4fdeea8da1d606d78386d209e3910737c282dab706e3415036838443a234776", "other", false)]
    [InlineData("scrypt:32768:8:1$abc$00", "test", false)]
    [InlineData("garbage", "test", false)]
    public void Reads_werkzeug_hashes_and_refuses_what_it_cannot_read(string hash, string password, bool expected) =>
        PasswordHash.Check(hash, password).ShouldBe(expected);
}
