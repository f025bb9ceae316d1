using RopcAnalyzers.Recognition;

namespace RopcAnalyzers.Tests.Recognition
{
    /// <summary>KeyMatches compares keys in place (it runs for every assignment); it must agree with comparing the normalized keys.</summary>
    public class FormPairsKeyMatchesTests
    {
        [Theory]
        [InlineData("grant_type", "grant_type", true)]
        [InlineData("GrantType", "grant_type", true)]
        [InlineData("grant-type", "grant_type", true)]
        [InlineData("_Grant__Type_", "grant_type", true)]
        [InlineData("GRANTTYPE", "grant_type", true)]
        [InlineData("grant_types", "grant_type", false)]
        [InlineData("grant", "grant_type", false)]
        [InlineData("", "grant_type", false)]
        [InlineData("___", "grant_type", false)]
        [InlineData("Name", "grant_type", false)]
        [InlineData("password", "password", true)]
        [InlineData("Password", "pass_word", true)]
        [InlineData("anything", null, true)]
        public void KeyMatches_AgreesWithTheNormalizedComparison(string key, string? requiredKey, bool expected)
        {
            Assert.Equal(expected, FormPairs.KeyMatches(key, requiredKey));
            if (requiredKey is not null)
            {
                Assert.Equal(FormPairs.Normalize(key) == FormPairs.Normalize(requiredKey), FormPairs.KeyMatches(key, requiredKey));
            }
        }
    }
}
