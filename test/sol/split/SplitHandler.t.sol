// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SplitTestBase} from "./SplitTestBase.sol";
import {SplitFactory} from "../../../contracts/split/SplitFactory.sol";
import {Split} from "../../../contracts/split/Split.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {UsdcLikeToken} from "../../../contracts/mocks/UsdcLikeToken.sol";
import {RevertingRecipient, GasGuzzler, ReentrantRecipient} from "../../../contracts/mocks/HostileRecipients.sol";
import {SwitchableRecipient} from "../../../contracts/mocks/SwitchableRecipient.sol";

/// @notice Drives four Splits from one factory that share payees (different payees, shares and salts), in ETH,
/// a plain ERC-20 and a USDC-like token with a blocklist, with hostile payees: one that always reverts, one that
/// burns all gas, one that re-enters its Split on every ETH receipt, one that refuses ETH while switched off, and
/// shared payees put on and off the token's blocklist. Pays in, `release`, `releaseTokens` and `releaseAll` by
/// random callers, and keeps ghost totals of what came in and of every call that misbehaved.
contract SplitHandler is SplitTestBase {
    uint256 public constant SPLITS = 4;
    uint256 public constant TOKENS = 3;
    /// @dev Gas given to a single release: a gas guzzler burns this, not the whole block.
    uint256 internal constant RELEASE_GAS = 1_000_000;

    SplitFactory public immutable FACTORY_;
    TestToken public immutable TOKEN;
    UsdcLikeToken public immutable USDC;
    RevertingRecipient public immutable REVERTER;
    GasGuzzler public immutable GUZZLER;
    ReentrantRecipient public immutable REENTRANT;
    SwitchableRecipient public immutable SWITCH;

    Split[SPLITS] internal _splits;
    uint256[][SPLITS] internal _configs;
    bytes32[SPLITS] internal _salts;
    address[TOKENS] internal _tokens;
    /// @dev Every distinct payee of every Split.
    address[] internal _payeeList;
    mapping(address payee => bool) internal _known;

    mapping(uint256 split => mapping(address token => uint256)) public ghostReceived;
    /// @dev Calls that failed or left a payee owed although that payee accepts payment (or was owed nothing).
    uint256 public ghostBlocked;
    /// @dev Releases that returned an amount other than what `owed` said just before.
    uint256 public ghostWrongAmount;
    /// @dev A hostile payee's call back into its Split succeeded.
    bool public ghostReentered;
    mapping(bytes32 selector => uint256) public calls;

    constructor() {
        FACTORY_ = new SplitFactory();
        TOKEN = new TestToken("T", "T", 18);
        USDC = new UsdcLikeToken();
        REVERTER = new RevertingRecipient();
        GUZZLER = new GasGuzzler();
        REENTRANT = new ReentrantRecipient();
        SWITCH = new SwitchableRecipient();
        _tokens = [address(0), address(TOKEN), address(USDC)];

        uint96[] memory shares = new uint96[](5);
        (shares[0], shares[1], shares[2], shares[3], shares[4]) = (1, 7, 13, 29, 50);
        uint256[] memory a = _payees(5, 42, shares);
        // Same payees as A, other shares and salt: a second Split paying the same people.
        uint256[] memory d = new uint256[](5);
        for (uint256 i; i < 5; ++i) d[i] = _pack(_account(a[i]), [uint256(50), 29, 13, 7, 3][i]);
        // Two of A's payees beside a reverting and a re-entering payee.
        uint256[] memory b = new uint256[](4);
        b[0] = _pack(_account(a[1]), 3);
        b[1] = _pack(_account(a[3]), 5);
        b[2] = _pack(address(REVERTER), 11);
        b[3] = _pack(address(REENTRANT), 2);
        // One of A's payees beside a gas guzzler and a payee that refuses for a while; equal shares, total 3.
        uint256[] memory c = new uint256[](3);
        c[0] = _pack(_account(a[4]), 1);
        c[1] = _pack(address(GUZZLER), 1);
        c[2] = _pack(address(SWITCH), 1);
        _create(0, a, "A");
        _create(1, _sorted(b), "B");
        _create(2, _sorted(c), "C");
        _create(3, d, "D");
        REENTRANT.arm(address(_splits[1]), "");
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    function split(uint256 s) external view returns (Split) {
        return _splits[s];
    }

    function config(uint256 s) external view returns (uint256[] memory) {
        return _configs[s];
    }

    function salt(uint256 s) external view returns (bytes32) {
        return _salts[s];
    }

    function token(uint256 t) external view returns (address) {
        return _tokens[t];
    }

    function payeeList() external view returns (address[] memory) {
        return _payeeList;
    }

    /// @notice Whether `payee` takes a payment of `token` right now (ETH through `release`'s gas or the batch stipend).
    function accepts(address token_, address payee) public view returns (bool) {
        if (token_ == address(0)) {
            return
                payee != address(REVERTER) &&
                payee != address(GUZZLER) &&
                !(payee == address(SWITCH) && SWITCH.refusing());
        }
        if (token_ == address(USDC)) return !USDC.isBlacklisted(payee);
        return true;
    }

    function balanceOf(address token_, address account) public view returns (uint256) {
        return token_ == address(0) ? account.balance : TestToken(token_).balanceOf(account);
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    function payIn(uint256 splitSeed, uint256 tokenSeed, uint256 amount) external {
        uint256 s = splitSeed % SPLITS;
        address token_ = _tokens[tokenSeed % TOKENS];
        amount = bound(amount, 0, 1e24);
        ++calls["payIn"];
        ghostReceived[s][token_] += amount;
        if (token_ == address(0)) {
            vm.deal(address(this), amount);
            // A plain transfer with the 2,300-gas stipend: the clone STOPs without delegating.
            payable(address(_splits[s])).transfer(amount);
        } else {
            TestToken(token_).mint(address(_splits[s]), amount);
        }
    }

    function release(uint256 splitSeed, uint256 payeeSeed, uint256 tokenSeed, address caller) external {
        uint256 s = splitSeed % SPLITS;
        uint256[] memory p = _configs[s];
        uint256 i = payeeSeed % p.length;
        address token_ = _tokens[tokenSeed % TOKENS];
        address payee = _account(p[i]);
        uint256 total = _total(p);
        uint256 due = _splits[s].owed(token_, payee, _share(p[i]), total);
        bytes32[] memory proof = _proof(p, _salts[s], i);
        _arm(s);
        ++calls["release"];
        vm.prank(caller);
        try _splits[s].release{gas: RELEASE_GAS}(token_, payee, _share(p[i]), total, _salts[s], proof) returns (
            uint256 amount
        ) {
            if (amount != due) ++ghostWrongAmount;
        } catch {
            if (due == 0 || accepts(token_, payee)) ++ghostBlocked;
        }
        _checkReentry();
    }

    /// @dev One to four tokens, repeats allowed (a repeated token pays nothing the second time).
    function releaseTokens(uint256 splitSeed, uint256 payeeSeed, uint256 tokensSeed, address caller) external {
        uint256 s = splitSeed % SPLITS;
        uint256 i = payeeSeed % _configs[s].length;
        address[] memory list = new address[](1 + (tokensSeed % 4));
        for (uint256 k; k < list.length; ++k) list[k] = _tokens[(tokensSeed >> (8 * (k + 1))) % TOKENS];
        (uint256[] memory expected, bool shouldPay) = _expectedReleases(s, i, list);
        _arm(s);
        ++calls["releaseTokens"];
        _callReleaseTokens(s, i, list, expected, shouldPay, caller);
        _checkReentry();
    }

    function releaseAll(uint256 splitSeed, uint256 tokenSeed, address caller) external {
        uint256 s = splitSeed % SPLITS;
        address token_ = _tokens[tokenSeed % TOKENS];
        _arm(s);
        ++calls["releaseAll"];
        vm.prank(caller);
        _splits[s].releaseAll(token_, _configs[s], _salts[s]);
        _checkReentry();
        // Whoever accepts was paid in full, whatever the others did.
        uint256[] memory p = _configs[s];
        uint256 total = _total(p);
        for (uint256 i; i < p.length; ++i) {
            address payee = _account(p[i]);
            if (accepts(token_, payee) && _splits[s].owed(token_, payee, _share(p[i]), total) != 0) ++ghostBlocked;
        }
    }

    /// @dev Puts a payee on the USDC-like token's blocklist, or takes it off.
    function toggleBlocklist(uint256 payeeSeed) external {
        address payee = _payeeList[payeeSeed % _payeeList.length];
        ++calls["toggleBlocklist"];
        if (USDC.isBlacklisted(payee)) USDC.unBlacklist(payee);
        else USDC.blacklist(payee);
    }

    function toggleRefusing() external {
        ++calls["toggleRefusing"];
        SWITCH.setRefusing(!SWITCH.refusing());
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    function _create(uint256 s, uint256[] memory p, string memory name) internal {
        _configs[s] = p;
        _salts[s] = keccak256(bytes(name));
        _splits[s] = Split(FACTORY_.createSplit(p, _salts[s]));
        for (uint256 i; i < p.length; ++i) {
            address payee = _account(p[i]);
            if (_known[payee]) continue;
            _known[payee] = true;
            _payeeList.push(payee);
        }
    }

    /// @dev Ascending by address (insertion sort; shares ride in the high bits).
    function _sorted(uint256[] memory p) internal pure returns (uint256[] memory) {
        for (uint256 i = 1; i < p.length; ++i) {
            uint256 word = p[i];
            uint256 j = i;
            while (j > 0 && uint160(p[j - 1]) > uint160(word)) {
                p[j] = p[j - 1];
                --j;
            }
            p[j] = word;
        }
        return p;
    }

    /// @dev What `releaseTokens` should pay payee `i` of Split `s` per token, and whether it should succeed.
    function _expectedReleases(
        uint256 s,
        uint256 i,
        address[] memory list
    ) internal view returns (uint256[] memory expected, bool shouldPay) {
        uint256[] memory p = _configs[s];
        address payee = _account(p[i]);
        expected = new uint256[](list.length);
        shouldPay = true;
        for (uint256 k; k < list.length; ++k) {
            bool repeat;
            for (uint256 j; j < k; ++j) repeat = repeat || list[j] == list[k];
            if (!repeat) expected[k] = _splits[s].owed(list[k], payee, _share(p[i]), _total(p));
            if (expected[k] != 0 && !accepts(list[k], payee)) shouldPay = false;
        }
    }

    function _callReleaseTokens(
        uint256 s,
        uint256 i,
        address[] memory list,
        uint256[] memory expected,
        bool shouldPay,
        address caller
    ) internal {
        uint256[] memory p = _configs[s];
        bytes32[] memory proof = _proof(p, _salts[s], i);
        Split target = _splits[s];
        address payee = _account(p[i]);
        uint96 share = _share(p[i]);
        uint256 total = _total(p);
        bytes32 salt_ = _salts[s];
        vm.prank(caller);
        try target.releaseTokens{gas: RELEASE_GAS}(list, payee, share, total, salt_, proof) returns (
            uint256[] memory amounts
        ) {
            for (uint256 k; k < list.length; ++k) if (amounts[k] != expected[k]) ++ghostWrongAmount;
        } catch {
            if (shouldPay) ++ghostBlocked;
        }
    }

    /// @dev The re-entering payee calls its Split's `releaseAll` (ETH) on its next receipt.
    function _arm(uint256 s) internal {
        if (s != 1) return;
        REENTRANT.arm(address(_splits[1]), abi.encodeCall(Split.releaseAll, (address(0), _configs[1], _salts[1])));
    }

    function _checkReentry() internal {
        if (REENTRANT.reentered()) ghostReentered = true;
    }
}
