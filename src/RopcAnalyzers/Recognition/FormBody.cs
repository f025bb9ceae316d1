using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RopcAnalyzers.Recognition
{
    /// <summary>
    /// Recognises request bodies written as strings: "grant_type=password&amp;username=...", interpolations,
    /// concatenations, string.Format formats and JSON bodies. The text is rebuilt from the constant parts;
    /// every part whose value is unknown becomes a hole that stands for that operation.
    /// </summary>
    internal static class FormBody
    {
        private const char FirstHole = '\uE000';
        private const int MaxHoles = 0x1000;

        public static RopcRequest? Recognize(IOperation operation, CancellationToken cancellationToken)
        {
            if (!IsOutermostString(operation) || !AnyConstantPartMentionsGrantType(operation))
            {
                return null;
            }

            var holes = new List<IOperation>();
            var text = new StringBuilder();
            Append(operation, text, holes, cancellationToken);
            var body = text.ToString();
            if (!MentionsPasswordGrant(body) || IsComparison(operation))
            {
                return null;
            }

            var request = new RopcRequest(operation, RopcLibrary.HandWrittenHttp, RopcRequestKind.FormField, RopcRecognizer.GrantTypeKey, RopcRecognizer.FormBodyDescriptionText);
            var formatArguments = FormatArguments(operation);
            foreach (var (key, value) in Fields(body))
            {
                var slot = RequestParts.SlotOf(key);
                if (slot == RequestSlot.None)
                {
                    continue;
                }

                if (value.Length == 1 && value[0] >= FirstHole && value[0] - FirstHole < holes.Count)
                {
                    RequestParts.Assign(request, key, holes[value[0] - FirstHole]);
                }
                else if (formatArguments is not null && TryParseFormatItem(value, out var index) && index < formatArguments.Count)
                {
                    RequestParts.Assign(request, key, formatArguments[index]);
                }
                else if (slot == RequestSlot.Password && value.Length > 0 && value.IndexOf('{') < 0 && !ContainsHole(value))
                {
                    request.HardCodedPasswordText ??= value;
                }
            }

            return request;
        }

        /// <summary>True for a literal, interpolation or concatenation that is not itself part of a larger string expression.</summary>
        private static bool IsOutermostString(IOperation operation)
        {
            if (operation is IBinaryOperation binary && (binary.OperatorKind != BinaryOperatorKind.Add || binary.Type?.SpecialType != SpecialType.System_String))
            {
                return false;
            }

            if (operation.Type?.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            var parent = OperationTree.ParentSkippingConversions(operation);
            return parent is not (IInterpolatedStringContentOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String });
        }

        private static bool AnyConstantPartMentionsGrantType(IOperation operation)
        {
            if (operation.ConstantValue is { HasValue: true, Value: string constant })
            {
                return constant.IndexOf(RopcRecognizer.GrantTypeKey, StringComparison.Ordinal) >= 0;
            }

            switch (operation)
            {
                case IBinaryOperation binary:
                    return AnyConstantPartMentionsGrantType(binary.LeftOperand) || AnyConstantPartMentionsGrantType(binary.RightOperand);
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        var partValue = part switch
                        {
                            IInterpolatedStringTextOperation textPart => textPart.Text,
                            IInterpolationOperation interpolation => interpolation.Expression,
                            _ => null,
                        };

                        if (partValue is not null && AnyConstantPartMentionsGrantType(partValue))
                        {
                            return true;
                        }
                    }

                    return false;
                case IConversionOperation conversion:
                    return AnyConstantPartMentionsGrantType(conversion.Operand);
                default:
                    return false;
            }
        }

        private static void Append(IOperation operation, StringBuilder text, List<IOperation> holes, CancellationToken cancellationToken)
        {
            if (StringValues.TryResolve(operation, cancellationToken, out var value))
            {
                text.Append(value);
                return;
            }

            switch (StringValues.Unwrap(operation))
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    Append(binary.LeftOperand, text, holes, cancellationToken);
                    Append(binary.RightOperand, text, holes, cancellationToken);
                    return;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation textPart:
                                Append(textPart.Text, text, holes, cancellationToken);
                                break;
                            case IInterpolationOperation { Alignment: null, FormatString: null } interpolation:
                                Append(interpolation.Expression, text, holes, cancellationToken);
                                break;
                            default:
                                AddHole(part, text, holes);
                                break;
                        }
                    }

                    return;
                default:
                    AddHole(operation, text, holes);
                    return;
            }
        }

        private static void AddHole(IOperation operation, StringBuilder text, List<IOperation> holes)
        {
            if (holes.Count < MaxHoles)
            {
                text.Append((char)(FirstHole + holes.Count));
                holes.Add(operation);
            }
            else
            {
                text.Append(FirstHole + MaxHoles);
            }
        }

        private static bool ContainsHole(string value)
        {
            foreach (var c in value)
            {
                if (c >= FirstHole && c <= FirstHole + MaxHoles)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>grant_type=password as a form field (start, '&amp;' or '?' before; end or '&amp;' after), or "grant_type": "password" in JSON.</summary>
        internal static bool MentionsPasswordGrant(string body)
        {
            foreach (var (key, value) in Fields(body))
            {
                if (key == RopcRecognizer.GrantTypeKey && (RopcRecognizer.IsPasswordGrantValue(value) || Uri.UnescapeDataString(value) == RopcRecognizer.Auth0PasswordRealmGrant))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The fields of a form-encoded body, or the string members of a flat JSON object.</summary>
        internal static IEnumerable<(string Key, string Value)> Fields(string body)
        {
            var trimmed = body.TrimStart();
            if (trimmed.StartsWith("{", StringComparison.Ordinal) && trimmed.IndexOf('"') >= 0)
            {
                foreach (var field in JsonFields(trimmed))
                {
                    yield return field;
                }

                yield break;
            }

            var start = body.IndexOf('?') is var question and >= 0 && body.IndexOf('=') > question ? question + 1 : 0;
            while (start <= body.Length)
            {
                var end = body.IndexOf('&', start);
                if (end < 0)
                {
                    end = body.Length;
                }

                var equals = body.IndexOf('=', start, end - start);
                if (equals > start)
                {
                    yield return (body.Substring(start, equals - start), body.Substring(equals + 1, end - equals - 1));
                }

                start = end + 1;
            }
        }

        private static IEnumerable<(string Key, string Value)> JsonFields(string json)
        {
            var position = 0;
            while (TryReadJsonString(json, ref position, out var key))
            {
                SkipWhitespace(json, ref position);
                if (position >= json.Length || json[position] != ':')
                {
                    continue;
                }

                position++;
                SkipWhitespace(json, ref position);
                if (position < json.Length && json[position] == '"' && TryReadJsonString(json, ref position, out var value))
                {
                    yield return (key, value);
                }
                else if (position < json.Length && json[position] >= FirstHole && json[position] <= FirstHole + MaxHoles)
                {
                    yield return (key, json[position].ToString());
                }
            }
        }

        private static bool TryReadJsonString(string json, ref int position, out string value)
        {
            value = string.Empty;
            var open = json.IndexOf('"', position);
            if (open < 0)
            {
                return false;
            }

            var close = json.IndexOf('"', open + 1);
            if (close < 0)
            {
                return false;
            }

            value = json.Substring(open + 1, close - open - 1);
            position = close + 1;
            return true;
        }

        private static void SkipWhitespace(string text, ref int position)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        /// <summary>Server code that checks a body rather than building one: body.Contains("grant_type=password"), body == "...".</summary>
        private static bool IsComparison(IOperation operation)
        {
            var parent = OperationTree.ParentSkippingConversions(operation);
            return parent switch
            {
                IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } => true,
                IArgumentOperation { Parent: IInvocationOperation invocation } => invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String && invocation.TargetMethod.Name != "Format" && invocation.TargetMethod.Name != "Concat"
                    || invocation.TargetMethod.Name is "Contains" or "StartsWith" or "EndsWith" or "Equal" or "Equals" or "AreEqual" or "IndexOf" or "IsMatch",
                IInvocationOperation invocation => invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String,
                _ => false,
            };
        }

        /// <summary>The arguments a string.Format format refers to as {0}, {1}, ...; null when the string is not a format.</summary>
        private static List<IOperation>? FormatArguments(IOperation operation)
        {
            if (OperationTree.ParentSkippingConversions(operation) is not IArgumentOperation { Parameter.Name: "format", Parent: IInvocationOperation { TargetMethod: { Name: "Format", ContainingType.SpecialType: SpecialType.System_String } } format })
            {
                return null;
            }

            var result = new List<IOperation>();
            foreach (var argument in format.Arguments)
            {
                if (argument.Parameter is null || argument.Parameter.Name is "format" or "provider")
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.ParamArray && StringValues.Unwrap(argument.Value) is IArrayCreationOperation { Initializer: { } elements })
                {
                    foreach (var element in elements.ElementValues)
                    {
                        result.Add(element);
                    }
                }
                else
                {
                    result.Add(argument.Value);
                }
            }

            return result;
        }

        private static bool TryParseFormatItem(string value, out int index)
        {
            index = 0;
            if (value.Length < 3 || value[0] != '{' || value[value.Length - 1] != '}')
            {
                return false;
            }

            for (var i = 1; i < value.Length - 1; i++)
            {
                if (value[i] < '0' || value[i] > '9')
                {
                    return false;
                }

                index = (index * 10) + (value[i] - '0');
            }

            return true;
        }
    }
}
