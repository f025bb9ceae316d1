using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RopcAnalyzers.Persistence;
using RopcAnalyzers.Recognition;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace RopcAnalyzers.CodeFixes
{
    /// <summary>
    /// ROPC002 on a write of the password to a log, the console, a file, settings, the environment, the registry, a
    /// cache, a session or a cookie. Two fixes, each offered only where it changes nothing but the password's presence:
    /// drop the password from a message (the interpolation hole, or the argument and its placeholder), or, where the
    /// statement writes nothing but the password, remove that statement.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PasswordWriteCodeFixProvider)), Shared]
    public sealed class PasswordWriteCodeFixProvider : CodeFixProvider
    {
        public const string RemoveFromMessageKey = "ROPC002.RemovePasswordFromMessage";
        public const string RemoveWriteKey = "ROPC002.RemovePasswordWrite";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.PasswordPersisted);

        /// <summary>Both fixes change only the diagnostic's own statement.</summary>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.PersistenceChannel, out var channelName)
                    || !Enum.TryParse<PersistenceChannel>(channelName, out var channel)
                    || PersistenceChannels.HasNoRemovableWrite(channel)
                    || diagnostic.AdditionalLocations.Count == 0
                    || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
                {
                    continue;
                }

                var cancellationToken = context.CancellationToken;
                var siteNode = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
                if (!RopcRecognizer.Default.TryRecognizeAt(model, siteNode, cancellationToken, out var request)
                    || PasswordTrail.Follow(request, model.GetEnclosingSymbol(request.Site.Syntax.SpanStart, cancellationToken), cancellationToken) is not { } trail)
                {
                    continue;
                }

                var writeNode = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var write = model.GetOperation(writeNode, cancellationToken);
                if (write is IInvocationOperation invocation
                    && channel is PersistenceChannel.Log or PersistenceChannel.Console or PersistenceChannel.File
                    && MessageEdit.TryCreate(trail, invocation, channel) is { } edit)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(edit.Title, ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(edit.Original, edit.Replacement))), RemoveFromMessageKey),
                        diagnostic);
                }

                if (write is not null && StatementWritingOnlyThePassword(trail, write) is { } statement)
                {
                    var title = $"Remove the statement that {WhatTheStatementDoes(channel)}";
                    context.RegisterCodeFix(
                        CodeAction.Create(title, ct => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!)), RemoveWriteKey),
                        diagnostic);
                }
            }
        }

        private static string WhatTheStatementDoes(PersistenceChannel channel)
            => channel is PersistenceChannel.Log or PersistenceChannel.Console or PersistenceChannel.File
                ? "writes the password to " + PersistenceChannels.Place(channel)
                : "stores the password in " + PersistenceChannels.Place(channel);

        /// <summary>
        /// The statement, when it does nothing but write the password as a whole value (Settings.Default.Password =
        /// password; cache.Set(key, password); Console.WriteLine(password);) and its other parts have no side effects.
        /// </summary>
        private static StatementSyntax? StatementWritingOnlyThePassword(PasswordTrail trail, IOperation write)
        {
            SyntaxNode expression = write.Syntax;
            switch (write)
            {
                case ISimpleAssignmentOperation assignment when trail.IsCarrierReference(assignment.Value)
                                                               && write.Syntax is AssignmentExpressionSyntax assignmentSyntax
                                                               && IsSideEffectFreeTarget(assignmentSyntax.Left):
                    break;

                case IInvocationOperation invocation when write.Syntax is InvocationExpressionSyntax invocationSyntax
                                                          && WritesOnlyThePassword(trail, invocation, invocationSyntax):
                    expression = ClimbAwait(invocationSyntax);
                    break;

                default:
                    return null;
            }

            return expression.Parent is ExpressionStatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } statement ? statement : null;
        }

        private static bool WritesOnlyThePassword(PasswordTrail trail, IInvocationOperation invocation, InvocationExpressionSyntax syntax)
        {
            var passwordArguments = 0;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (trail.IsCarrierReference(argument.Value))
                {
                    passwordArguments++;
                }
                else if (trail.Carries(argument.Value))
                {
                    return false;
                }
            }

            if (passwordArguments == 0)
            {
                return false;
            }

            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                if (!SafeExpressions.IsSideEffectFree(argument.Expression))
                {
                    return false;
                }
            }

            return syntax.Expression is IdentifierNameSyntax
                   || (syntax.Expression is MemberAccessExpressionSyntax callee && SafeExpressions.IsSideEffectFree(callee.Expression));
        }

        private static bool IsSideEffectFreeTarget(ExpressionSyntax target)
            => target is ElementAccessExpressionSyntax element
                ? SafeExpressions.IsSideEffectFree(element.Expression) && element.ArgumentList.Arguments.All(argument => SafeExpressions.IsSideEffectFree(argument.Expression))
                : SafeExpressions.IsSideEffectFree(target);

        /// <summary>await x.SetStringAsync(...) and await x.SetStringAsync(...).ConfigureAwait(false) are written by the awaited call.</summary>
        private static SyntaxNode ClimbAwait(InvocationExpressionSyntax invocation)
        {
            SyntaxNode current = invocation;
            if (current.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure && configure.Parent is InvocationExpressionSyntax configured)
            {
                current = configured;
            }

            return current.Parent is AwaitExpressionSyntax awaited ? awaited : current;
        }

        /// <summary>Drops the password from a message: an interpolation hole, or a template argument with its placeholder.</summary>
        private sealed class MessageEdit
        {
            private MessageEdit(string title, SyntaxNode original, SyntaxNode replacement)
            {
                Title = title;
                Original = original;
                Replacement = replacement;
            }

            public string Title { get; }

            public SyntaxNode Original { get; }

            public SyntaxNode Replacement { get; }

            public static MessageEdit? TryCreate(PasswordTrail trail, IInvocationOperation invocation, PersistenceChannel channel)
            {
                if (invocation.Syntax is not InvocationExpressionSyntax syntax)
                {
                    return null;
                }

                var carrying = invocation.Arguments.Where(argument => argument.ArgumentKind != ArgumentKind.DefaultValue && trail.Carries(argument.Value)).ToList();
                if (carrying.Count != 1)
                {
                    return null;
                }

                var what = channel switch
                {
                    PersistenceChannel.Log => "the log message",
                    PersistenceChannel.Console => "the console message",
                    _ => "the text written to the file",
                };

                return StringValues.Unwrap(carrying[0].Value) is IInterpolatedStringOperation interpolated
                    ? FromInterpolation(trail, interpolated, what)
                    : FromTemplate(trail, invocation, syntax, carrying[0], what);
            }

            /// <summary>$"Logging in {user} with {password}" becomes $"Logging in {user} with".</summary>
            private static MessageEdit? FromInterpolation(PasswordTrail trail, IInterpolatedStringOperation interpolated, string what)
            {
                if (interpolated.Syntax is not InterpolatedStringExpressionSyntax syntax)
                {
                    return null;
                }

                var removed = new List<InterpolationSyntax>();
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && trail.Carries(hole.Expression))
                    {
                        if (!trail.IsCarrierReference(hole.Expression) || hole.Syntax is not InterpolationSyntax holeSyntax)
                        {
                            return null;
                        }

                        removed.Add(holeSyntax);
                    }
                }

                var contents = new List<InterpolatedStringContentSyntax>();
                foreach (var content in syntax.Contents)
                {
                    if (content is InterpolationSyntax hole && removed.Contains(hole))
                    {
                        continue;
                    }

                    // Adjacent text runs are merged, without a doubled or dangling space where the hole was.
                    if (content is InterpolatedStringTextSyntax text && contents.Count > 0 && contents[contents.Count - 1] is InterpolatedStringTextSyntax previous)
                    {
                        contents[contents.Count - 1] = Text(MessageTemplates.JoinAround(previous.TextToken.Text, text.TextToken.Text));
                        continue;
                    }

                    contents.Add(content);
                }

                if (contents.Count > 0 && contents[contents.Count - 1] is InterpolatedStringTextSyntax last && last.TextToken.Text.EndsWith(" ", StringComparison.Ordinal))
                {
                    contents[contents.Count - 1] = Text(MessageTemplates.JoinAround(last.TextToken.Text, string.Empty));
                }

                if (removed.Count == 0 || !contents.Any(content => content is InterpolationSyntax || (content is InterpolatedStringTextSyntax text && text.TextToken.Text.Trim().Length > 0)))
                {
                    return null;
                }

                var holes = string.Join(", ", removed.Select(hole => hole.ToString()).Distinct());
                return new MessageEdit($"Remove {holes} from {what}", syntax, syntax.WithContents(List(contents)));
            }

            private static InterpolatedStringTextSyntax Text(string text)
                => InterpolatedStringText(Token(default, SyntaxKind.InterpolatedStringTextToken, text, text, default));

            /// <summary>logger.LogInformation("as {User} with {Password}", user, password) becomes logger.LogInformation("as {User} with", user).</summary>
            private static MessageEdit? FromTemplate(PasswordTrail trail, IInvocationOperation invocation, InvocationExpressionSyntax syntax, IArgumentOperation carrying, string what)
            {
                var template = invocation.Arguments.FirstOrDefault(argument =>
                    argument.Parameter is { Type.SpecialType: SpecialType.System_String, Name: "format" or "message" or "messageTemplate" }
                    && argument.ArgumentKind == ArgumentKind.Explicit);
                if (template is null
                    || template.Syntax is not ArgumentSyntax { Expression: LiteralExpressionSyntax literal } templateSyntax
                    || !literal.IsKind(SyntaxKind.StringLiteralExpression)
                    || syntax.ArgumentList.Arguments.Any(argument => argument.NameColon is not null))
                {
                    return null;
                }

                var passwordValue = carrying.ArgumentKind switch
                {
                    ArgumentKind.ParamArray when carrying.Value is IArrayCreationOperation { Initializer: { } elements }
                        => elements.ElementValues.SingleOrDefault(element => trail.Carries(element)),
                    ArgumentKind.Explicit => carrying.Value,
                    _ => null,
                };

                var arguments = syntax.ArgumentList.Arguments;
                var templateIndex = arguments.IndexOf(templateSyntax);
                if (passwordValue is null || !trail.IsCarrierReference(passwordValue) || templateIndex < 0)
                {
                    return null;
                }

                var passwordArgument = passwordValue.Syntax.FirstAncestorOrSelf<ArgumentSyntax>();
                var position = passwordArgument is null ? -1 : arguments.IndexOf(passwordArgument) - templateIndex - 1;
                var valueCount = arguments.Count - templateIndex - 1;
                var text = literal.Token.Text;
                if (position < 0 || MessageTemplates.Parse(text) is not { } placeholders)
                {
                    return null;
                }

                string edited;
                string placeholderText;
                if (template.Parameter!.Name == "format")
                {
                    // A composite format: {0}, {1}... refer to the arguments by index.
                    var index = position.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var removed = placeholders.Find(p => p.Name == index);
                    if (!placeholders.All(p => p.IsIndex) || removed.End == 0)
                    {
                        return null;
                    }

                    placeholderText = text.Substring(removed.Start, removed.End - removed.Start);
                    edited = MessageTemplates.RemoveIndex(text, position);
                }
                else
                {
                    // A message template: placeholders take the arguments in order of appearance.
                    if (placeholders.Count != valueCount || (placeholders.Any(p => p.IsIndex) && !placeholders.Select((p, i) => p.Name == i.ToString(System.Globalization.CultureInfo.InvariantCulture)).All(matches => matches)))
                    {
                        return null;
                    }

                    var removed = placeholders[position];
                    placeholderText = text.Substring(removed.Start, removed.End - removed.Start);
                    edited = MessageTemplates.Remove(text, removed);
                }

                if (ParseExpression(edited) is not LiteralExpressionSyntax editedLiteral || editedLiteral.Token.ValueText.Trim().Length == 0)
                {
                    return null;
                }

                var newArguments = arguments.Replace(templateSyntax, templateSyntax.WithExpression(editedLiteral.WithTriviaFrom(literal)));
                newArguments = newArguments.RemoveAt(arguments.IndexOf(passwordArgument!));
                return new MessageEdit(
                    $"Remove the argument '{passwordArgument}' and its placeholder '{placeholderText}' from {what}",
                    syntax.ArgumentList,
                    syntax.ArgumentList.WithArguments(newArguments));
            }
        }
    }
}
