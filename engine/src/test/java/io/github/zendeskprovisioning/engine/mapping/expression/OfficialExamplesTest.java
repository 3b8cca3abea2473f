package io.github.zendeskprovisioning.engine.mapping.expression;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.github.zendeskprovisioning.engine.mapping.expression.Evaluate.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The examples of Microsoft Learn's "Reference for writing expressions for attribute mappings in Microsoft
 * Entra Application Provisioning", each as input, expression and output, function by function.
 */
class OfficialExamplesTest {

    @Test
    void appendAddsTheSuffix() {
        assertEquals("John.Doe@contoso.com.test", of("Append([userPrincipalName], \".test\")", "userPrincipalName", "John.Doe@contoso.com"));
    }

    @Test
    void cboolIsTrueWhenBothAttributesHaveTheSameValue() {
        assertEquals("True", of("CBool([attribute1] = [attribute2])", "attribute1", "x", "attribute2", "x"));
        assertEquals("False", of("CBool([attribute1] = [attribute2])", "attribute1", "x", "attribute2", "y"));
    }

    @Test
    void cdateReturnsTheUtcEquivalent() {
        assertEquals("3/16/2020 7:00:00 AM", of("CDate([StatusHireDate])", "StatusHireDate", "2020-03-16-07:00"));
        assertEquals("6/29/2021 4:00:00 PM", of("CDate(\"2021-06-30+08:00\")"));
        assertEquals("6/15/2009 8:45:30 AM", of("CDate(\"2009-06-15T01:45:30-07:00\")"));
    }

    @Test
    void coalesceFlowsUserPrincipalNameWhenMailIsNull() {
        assertEquals("John.Doe@contoso.com", of("Coalesce([mail],[userPrincipalName])", "userPrincipalName", "John.Doe@contoso.com"));
        assertEquals("", of("Coalesce([mail],[otherMail],\"\")"), "all null: the default, which may be \"\"");
        assertNull(of("Coalesce([mail],[otherMail])"), "all null and no default: null");
    }

    @Test
    void convertToBase64EncodesUtf16LittleEndian() {
        assertEquals("SABlAGwAbABvACAAdwBvAHIAbABkACEA", of("ConvertToBase64(\"Hello world!\")"));
    }

    @Test
    void convertToUtf8HexWritesUpperCaseHex() {
        assertEquals("48656C6C6F20776F726C6421", of("ConvertToUTF8Hex(\"Hello world!\")"));
    }

    @Test
    void countCountsTheValuesOfAMultiValuedAttribute() {
        assertEquals("3", of("Count([proxyAddresses])", "proxyAddresses", List.of("smtp:a@x", "smtp:b@x", "SMTP:c@x")));
        assertEquals("0", of("Count([proxyAddresses])"));
    }

    @Test
    void cstrReturnsTheValueAsAString() {
        assertEquals("cn=Joe,dc=contoso,dc=com", of("CStr([dn])", "dn", "cn=Joe,dc=contoso,dc=com"));
    }

    @Test
    void dateAddTableOfTheReference() {
        String hire = "2012-03-16-07:00";
        assertEquals("3/23/2012 7:00:00 AM", of("DateAdd(\"d\", 7, CDate([StatusHireDate]))", "StatusHireDate", hire));
        assertEquals("3/6/2012 7:00:00 AM", of("DateAdd(\"d\", -10, CDate([StatusHireDate]))", "StatusHireDate", hire));
        assertEquals("3/30/2012 7:00:00 AM", of("DateAdd(\"ww\", 2, CDate([StatusHireDate]))", "StatusHireDate", hire));
        assertEquals("1/16/2013 7:00:00 AM", of("DateAdd(\"m\", 10, CDate([StatusHireDate]))", "StatusHireDate", hire));
        assertEquals("3/16/2014 7:00:00 AM", of("DateAdd(\"yyyy\", 2, CDate([StatusHireDate]))", "StatusHireDate", hire));
    }

    @Test
    void dateDiffTableOfTheReference() {
        assertEquals("13", of("DateDiff(\"d\", \"2021-08-18+08:00\", \"2021-08-31+08:00\")"));
        Clock aug25 = Clock.fixed(Instant.parse("2021-08-25T17:41:18Z"), ZoneOffset.UTC);
        String hire = "2012-03-16-07:00";
        assertEquals("-3449", Evaluate.at(aug25, "DateDiff(\"d\", Now(), CDate([StatusHireDate]))", "StatusHireDate", hire));
        assertEquals("-493", Evaluate.at(aug25, "DateDiff(\"ww\", Now(), CDate([StatusHireDate]))", "StatusHireDate", hire));
        assertEquals("-113", Evaluate.at(aug25, "DateDiff(\"m\", Now(), CDate([StatusHireDate]))", "StatusHireDate", hire));
        assertEquals("-9", Evaluate.at(aug25, "DateDiff(\"yyyy\", Now(), CDate([StatusHireDate]))", "StatusHireDate", hire));
        assertEquals("-3449", of("DateDiff(\"d\", \"8/25/2021 5:41:18 PM\", \"2012-03-16-07:00\")"));
        assertEquals("0", of("DateDiff(\"d\", \"2021-08-31+08:00\", \"2021-08-31+08:00\")"));
        assertEquals("24", of("DateDiff(\"h\", \"2021-08-24\", \"2021-08-25\")"));
        assertEquals("1440", of("DateDiff(\"n\", \"2021-08-24\", \"2021-08-25\")"));
        assertEquals("86400", of("DateDiff(\"s\", \"2021-08-24\", \"2021-08-25\")"));
    }

    @Test
    void dateDiffInsideIifInsideSwitchSpanningLines() {
        String expression = "Switch([Active], , \n  \"1\", IIF(DateDiff(\"d\", Now(), CDate([StatusHireDate])) > 5, \"False\", \"True\"), \n  \"0\", \"False\")";
        assertEquals("False", of(expression, "Active", "1", "StatusHireDate", "2021-07-12"));
        assertEquals("True", of(expression, "Active", "1", "StatusHireDate", "2021-07-05"));
        assertEquals("False", of(expression, "Active", "0", "StatusHireDate", "2021-07-05"));
        assertNull(of(expression, "Active", "2"), "no match and an empty default: nothing flows");
    }

    @Test
    void formatDateTimeConvertsBetweenDotNetFormats() {
        assertEquals("2015-01-23", of("FormatDateTime([extensionAttribute1], , \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-dd\")",
                "extensionAttribute1", "20150123105347.1Z"));
    }

    @Test
    void ignoreFlowIfNullOrEmptyDropsNullAndEmptyResults() {
        assertNull(of("IgnoreFlowIfNullOrEmpty([department])"));
        assertNull(of("IgnoreFlowIfNullOrEmpty([department])", "department", ""));
        String prefix = "IgnoreFlowIfNullOrEmpty(Switch([prefix], \"\", \"3443\", \"Dr.\", \"3444\", \"Prof.\", \"3445\", \"Prof. Dr.\"))";
        assertNull(of(prefix, "prefix", "9999"));
        assertEquals("Prof.", of(prefix, "prefix", "3444"));
    }

    @Test
    void iifChoosesByTheCondition() {
        String e = "IIF([country]=\"USA\",[country],[department])";
        assertEquals("USA", of(e, "country", "USA", "department", "Sales"));
        assertEquals("Sales", of(e, "country", "NL", "department", "Sales"));
    }

    @Test
    void iifNestedForAndAndOr() {
        String and = "IIF([country]=\"USA\",IIF([state]=\"CA\",\"True\",\"False\"),\"False\")";
        assertEquals("True", of(and, "country", "USA", "state", "CA"));
        assertEquals("False", of(and, "country", "USA", "state", "NY"));
        String or = "IIF([country]=\"USA\",\"True\",IIF([state]=\"CA\",\"True\",\"False\"))";
        assertEquals("True", of(or, "country", "NL", "state", "CA"));
        assertEquals("False", of(or, "country", "NL", "state", "NY"));
    }

    @Test
    void iifExamplesEntraCallsUnsupportedWorkWhenTheSourceIsNullOrEmpty() {
        assertEquals("Other", of("IIF([country]=\"\",\"Other\",[country])"));
        assertEquals("Other", of("IIF(IsNullOrEmpty([country]),\"Other\",[country])", "country", ""));
        assertEquals("Other", of("IIF(IsPresent([country]),[country],\"Other\")"));
        assertEquals("NL", of("IIF(IsPresent([country]),[country],\"Other\")", "country", "NL"));
        assertEquals("Other", of("Switch([country],[country],\"\",\"Other\")"), "Entra's recommended workaround works too");
    }

    @Test
    void inStrFindsTheFirstOccurrenceCountingFromOne() {
        assertEquals("5", of("InStr(\"The quick brown fox\",\"quick\")"));
        assertEquals("7", of("InStr(\"repEated\",\"e\",3,vbBinaryCompare)"));
        assertEquals("4", of("InStr(\"repEated\",\"e\",3,vbTextCompare)"));
        assertEquals("0", of("InStr(\"repEated\",\"x\")"));
    }

    @Test
    void isNullIsTrueWhenTheAttributeIsAbsent() {
        assertEquals("True", of("IsNull([displayName])"));
        assertEquals("False", of("IsNull([displayName])", "displayName", ""));
    }

    @Test
    void isNullOrEmptyIsTrueWhenAbsentOrEmpty() {
        assertEquals("True", of("IsNullOrEmpty([displayName])"));
        assertEquals("True", of("IsNullOrEmpty([displayName])", "displayName", ""));
        assertEquals("False", of("IsNullOrEmpty([displayName])", "displayName", "Ann"));
    }

    @Test
    void isPresentIsTheInverseOfIsNullOrEmpty() {
        assertEquals("False", of("IsPresent([displayName])", "displayName", ""));
        assertEquals("True", of("IsPresent([displayName])", "displayName", "Ann"));
        // The reference's IsPresent example, Switch(IsPresent([directManager]), [directManager], IsPresent(...), ...),
        // reads as "the first manager present" but Switch's own rules (source, default, key/value pairs) do not
        // give that; Coalesce does, and IIF spells it out:
        assertEquals("Dora", of("IIF(IsPresent([directManager]),[directManager],IIF(IsPresent([director]),[director],\"\"))",
                "director", "Dora"));
    }

    @Test
    void isStringIsTrueForOneStringValue() {
        assertEquals("True", of("IsString([department])", "department", "Sales"));
        assertEquals("False", of("IsString([department])"));
        assertEquals("False", of("IsString([proxyAddresses])", "proxyAddresses", List.of("a", "b")));
    }

    @Test
    void itemIsOneBased() {
        List<String> addresses = List.of("SMTP:ann@x", "smtp:a@x");
        assertEquals("SMTP:ann@x", of("Item([proxyAddresses], 1)", "proxyAddresses", addresses));
        assertEquals("smtp:a@x", of("Item([proxyAddresses], 2)", "proxyAddresses", addresses));
        assertNull(of("Item([proxyAddresses], 0)", "proxyAddresses", addresses), "index 0 is not used");
        assertNull(of("Item([proxyAddresses], 3)", "proxyAddresses", addresses));
    }

    @Test
    void joinSkipsEmptyValuesAndJoinsMultiValuedOnes() {
        assertEquals("Doe, John", of("Join(\", \", \"\", [surname], [givenName])", "givenName", "John", "surname", "Doe"));
        assertEquals("a;b;c", of("Join(\";\", [otherMails], \"c\")", "otherMails", List.of("a", "b")));
    }

    @Test
    void leftFollowsTheDocumentedRules() {
        assertEquals("Joh", of("Left(\"John Doe\", 3)"));
        assertEquals("", of("Left(\"John Doe\", 0)"));
        assertEquals("John Doe", of("Left(\"John Doe\", -1)"));
        assertEquals("", of("Left([missing], 3)"));
        assertEquals("John Doe", of("Left(\"John Doe\", 30)"));
    }

    @Test
    void midBuildsAnAliasFromParts() {
        assertEquals("JohDoe", of("Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))", "givenName", "John", "surname", "Doe"));
        assertEquals("ohn", of("Mid(\"John\", 2, 10)"));
    }

    @Test
    void normalizeDiacriticsReplacesAccentedLetters() {
        assertEquals("Zoe", of("NormalizeDiacritics([givenName])", "givenName", "Zoë"));
        assertEquals("aeoessLlAE", of("NormalizeDiacritics(\"æøßĽłǢ\")"));
        assertEquals("Francois Senor", of("NormalizeDiacritics(\"François Señor\")"));
    }

    @Test
    void notFlipsABoolean() {
        assertEquals("False", of("Not([accountEnabled])", "accountEnabled", "True"));
        assertEquals("True", of("Not([accountEnabled])", "accountEnabled", "False"));
    }

    @Test
    void nowIsUtcInEntrasFormat() {
        assertEquals("7/2/2021 3:33:38 PM", of("Now()"));
    }

    @Test
    void pcaseTableOfTheReference() {
        assertEquals("Pablo Gonsalves (Second)", of("PCase([firstName])", "firstName", "PABLO GONSALVES (SECOND)"));
        assertEquals("Pinto-De'Silva", of("PCase([lastName],\" '-\")", "lastName", "PINTO-DE'SILVA"));
        assertEquals("Gregory James", of("PCase(Join(\" \",[firstName],[lastName]))", "firstName", "GREGORY", "lastName", "JAMES"));
    }

    @Test
    void redactPassesTheValueAndMarksTheExpression() {
        assertEquals("ann@contoso.com", of("Redact([userPrincipalName])", "userPrincipalName", "ann@contoso.com"));
        org.junit.jupiter.api.Assertions.assertTrue(Expression.parse("Redact(\"StringToBeRedacted\")").redacted());
        org.junit.jupiter.api.Assertions.assertFalse(Expression.parse("ToLower([mail])").redacted());
    }

    @Test
    void removeDuplicatesKeepsEachValueOnce() {
        assertEquals(List.of("a", "b"), of("RemoveDuplicates([proxyAddresses])", "proxyAddresses", List.of("a", "b", "a")));
    }

    @Test
    void replaceExample1OldValueAndReplacementValue() {
        assertEquals("Software Engineer", of("Replace([BusinessTitle],\"Product Developer\", , , \"Software Engineer\", , )",
                "BusinessTitle", "Product Developer"));
    }

    @Test
    void replaceExample2OldValueAndTemplate() {
        assertEquals("jsmith@contoso.com", of("Replace([UserID],\"<username>\", , , , , \"<username>@contoso.com\")", "UserID", "jsmith"));
    }

    @Test
    void replaceExample3RegexPatternAndReplacementValue() {
        assertEquals("9998887777", of("Replace([telephoneNumber], , \"\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})\", , \"${phoneNumber}\", , )",
                "telephoneNumber", "+91 9998887777"));
        // The reference prints 19998887777, but its pattern [()\s-]+ does not match the "+" (nor would .NET's).
        assertEquals("+19998887777", of("Replace([mobile], , \"[()\\\\s-]+\", , \"\", , )", "mobile", "+1 (999) 888-7777"));
    }

    @Test
    void replaceExample4RegexGroupNameAndReplacementValue() {
        assertEquals("888 Tremont Street", of("Replace([AddressLineData], ,\"(?<streetNumber>^\\\\d*)\",\"streetNumber\", \"888\", , )",
                "AddressLineData", "545 Tremont Street"));
        assertEquals("jsmith", of("Replace([userPrincipalName], , \"(?<Suffix>@(.)*)\", \"Suffix\", \"\", , )",
                "userPrincipalName", "jsmith@contoso.com"));
    }

    @Test
    void replaceExample5ReplacementAttributeWhenTheSourceIsEmpty() {
        String e = "Replace([telephoneNumber], , \"\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})\", \"phoneNumber\" , , [mobile], )";
        assertEquals("8887779999", of(e, "telephoneNumber", "", "mobile", "+91 8887779999"));
        assertEquals("+91 9998887777", of(e, "telephoneNumber", "+91 9998887777", "mobile", "+91 8887779999"));
    }

    @Test
    void replaceExample6RemovesWhatTheRegexMatches() {
        assertEquals("72", of("Replace([mailNickname], , \"[a-zA-Z_]*\", , \"\", , )", "mailNickname", "john_doe72"));
    }

    @Test
    void stripAKnownDomainName() {
        assertEquals("john.doe", of("Replace([mail], \"@contoso.com\", , ,\"\", ,)", "mail", "john.doe@contoso.com"));
    }

    @Test
    void generateAnIdFromTheObjectId() {
        // The reference's printed output was computed from another object id than the one it shows, so the
        // expected value here is the hex of the shown id with its letters removed, after "1000".
        assertEquals("100030306161303061612626231312636332322646433332343465653434656534346565",
                of("Join(\"\", 1000, Replace(ConvertToUTF8Hex([objectId]), , \"[a-zA-Z_]*\", , \"\", , ))",
                        "objectId", "00aa00aa-bb11-cc22-dd33-44ee44ee44ee"));
    }

    @Test
    void singleAppRoleAssignmentGivesTheRole() {
        assertEquals("agent", of("SingleAppRoleAssignment([appRoleAssignments])", "appRoleAssignments", List.of("agent")));
        assertNull(of("SingleAppRoleAssignment([appRoleAssignments])"));
    }

    @Test
    void splitMakesAMultiValuedArray() {
        assertEquals(List.of("PermissionSetOne", "PermissionSetTwo"),
                of("Split([extensionAttribute5], \",\")", "extensionAttribute5", "PermissionSetOne, PermissionSetTwo"));
    }

    @Test
    void stripSpacesRemovesEverySpace() {
        assertEquals("JohnvanDoe", of("StripSpaces(\" John van Doe \")"));
    }

    @Test
    void switchPicksTheTimeZoneByState() {
        String e = "Switch([state], \"Australia/Sydney\", \"NSW\", \"Australia/Sydney\",\"QLD\", \"Australia/Brisbane\", \"SA\", \"Australia/Adelaide\")";
        assertEquals("Australia/Brisbane", of(e, "state", "QLD"));
        assertEquals("Australia/Sydney", of(e, "state", "WA"));
    }

    @Test
    void switchIsCaseSensitiveUnlessTheSourceIsLowered() {
        assertEquals("1", of("Switch(ToLower([statusFlag]), \"0\", \"true\", \"1\", \"false\", \"0\")", "statusFlag", "TRUE"));
        assertEquals("0", of("Switch([statusFlag], \"0\", \"true\", \"1\", \"false\", \"0\")", "statusFlag", "TRUE"));
        assertEquals("0", of("Switch([statusFlag], \"Default Value\", \"true\", \"1\", \"\", \"0\")", "statusFlag", ""));
        assertEquals("0", of("Switch([statusFlag], \"Default Value\", \"true\", \"1\", \"\", \"0\")"), "a missing source matches the key \"\"");
    }

    @Test
    void toLowerBuildsALowerCaseUpn() {
        assertEquals("john.smith@contoso.com",
                of("ToLower(Join(\"@\", NormalizeDiacritics(StripSpaces(Join(\".\",  [PreferredFirstName], [PreferredLastName]))), \"contoso.com\"))",
                        "PreferredFirstName", "John", "PreferredLastName", "Smith"));
        assertEquals("ı", of("ToLower(\"I\", \"tr-TR\")"), "the culture is honoured");
    }

    @Test
    void toUpperUsesTheInvariantCultureByDefault() {
        assertEquals("SALES EMEA", of("ToUpper([department])", "department", "Sales emea"));
    }

    @Test
    void wordReturnsTheNthWord() {
        assertEquals("brown", of("Word(\"The quick brown fox\",3,\" \")"));
        assertEquals("has", of("Word(\"This,string!has&many separators\",3,\",!&#\")"));
        assertEquals("", of("Word(\"The quick\",3,\" \")"));
        assertEquals("", of("Word(\"The quick\",0,\" \")"));
    }
}
