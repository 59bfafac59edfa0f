// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SplitTestBase} from "./SplitTestBase.sol";
import {SplitHandler} from "./SplitHandler.t.sol";
import {Split} from "../../../contracts/split/Split.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";

/// @notice DESIGN.md's Split invariants over four Splits sharing payees, hostile payees included (see `SplitHandler`),
/// in ETH, a plain ERC-20 and a USDC-like token with a blocklist. One `invariant_*` per property.
contract SplitInvariantTest is SplitTestBase {
    SplitHandler internal handler;
    bytes32[4] internal codeHashes;

    function setUp() public {
        handler = new SplitHandler();
        for (uint256 s; s < 4; ++s) codeHashes[s] = address(handler.split(s)).codehash;
        targetContract(address(handler));
    }

    function _balance(address token, Split split) internal view returns (uint256) {
        return handler.balanceOf(token, address(split));
    }

    /// @dev Σ owed over the payees of Split `s`, over all of them or only over those that refuse payment now.
    function _owedSum(uint256 s, address token, bool refusingOnly) internal view returns (uint256 sum) {
        uint256[] memory p = handler.config(s);
        uint256 total = _total(p);
        Split split = handler.split(s);
        for (uint256 i; i < p.length; ++i) {
            if (refusingOnly && handler.accepts(token, _account(p[i]))) continue;
            sum += split.owed(token, _account(p[i]), _share(p[i]), total);
        }
    }

    /// @notice balance ≥ Σ owed, in every Split and token.
    function invariant_solvency() public view {
        for (uint256 s; s < 4; ++s) {
            for (uint256 t; t < 3; ++t) {
                address token = handler.token(t);
                assertGe(_balance(token, handler.split(s)), _owedSum(s, token, false), "balance below sum owed");
            }
        }
    }

    /// @notice Everything paid in is either still held or released: received == balance + totalReleased.
    function invariant_receivedEqualsBalancePlusReleased() public view {
        for (uint256 s; s < 4; ++s) {
            Split split = handler.split(s);
            for (uint256 t; t < 3; ++t) {
                address token = handler.token(t);
                assertEq(
                    handler.ghostReceived(s, token),
                    _balance(token, split) + split.totalReleased(token),
                    "received != balance + released"
                );
            }
        }
    }

    /// @notice released ≤ floor(share · received / totalShares) for every payee, and Σ released == totalReleased.
    function invariant_noPayeeAboveShare() public view {
        for (uint256 s; s < 4; ++s) {
            uint256[] memory p = handler.config(s);
            uint256 total = _total(p);
            Split split = handler.split(s);
            for (uint256 t; t < 3; ++t) {
                address token = handler.token(t);
                uint256 sum;
                for (uint256 i; i < p.length; ++i) {
                    uint256 r = split.released(token, _account(p[i]));
                    assertLe(r, (uint256(_share(p[i])) * handler.ghostReceived(s, token)) / total, "above share");
                    sum += r;
                }
                assertEq(sum, split.totalReleased(token), "sum released != totalReleased");
            }
        }
    }

    /// @notice Each payee holds exactly what its Splits released to it (payees shared between Splits included), and
    /// every release paid exactly what `owed` announced.
    function invariant_payeesHoldExactlyWhatWasReleased() public view {
        assertEq(handler.ghostWrongAmount(), 0, "a release paid other than owed");
        address[] memory payees = handler.payeeList();
        for (uint256 t; t < 3; ++t) {
            address token = handler.token(t);
            for (uint256 k; k < payees.length; ++k) {
                uint256 sum;
                for (uint256 s; s < 4; ++s) sum += handler.split(s).released(token, payees[k]);
                assertEq(handler.balanceOf(token, payees[k]), sum, "payee holds other than released");
            }
        }
    }

    /// @notice After releasing everyone, what is left beyond the refusing payees' due is below the payee count.
    /// @dev Releases in a snapshot and rolls back.
    function invariant_dustBelowPayeeCount() public {
        uint256 snap = vm.snapshotState();
        for (uint256 s; s < 4; ++s) {
            Split split = handler.split(s);
            for (uint256 t; t < 3; ++t) {
                address token = handler.token(t);
                split.releaseAll(token, handler.config(s), handler.salt(s));
                assertLt(
                    _balance(token, split) - _owedSum(s, token, true),
                    handler.config(s).length,
                    "dust at or above payee count"
                );
            }
        }
        vm.revertToState(snap);
    }

    /// @notice Dust is never stranded: once the received total reaches a multiple of the total shares, releasing
    /// everyone leaves exactly what refusing payees are owed (nothing at all when everyone accepts).
    /// @dev Tops up and releases in a snapshot and rolls back.
    function invariant_dustNeverStranded() public {
        uint256 snap = vm.snapshotState();
        for (uint256 s; s < 4; ++s) {
            Split split = handler.split(s);
            uint256 total = _total(handler.config(s));
            for (uint256 t; t < 3; ++t) {
                address token = handler.token(t);
                uint256 base = _balance(token, split) + split.totalReleased(token);
                uint256 topUp = (total - (base % total)) % total;
                if (token == address(0)) vm.deal(address(split), address(split).balance + topUp);
                else TestToken(token).mint(address(split), topUp);
                split.releaseAll(token, handler.config(s), handler.salt(s));
                assertEq(_balance(token, split), _owedSum(s, token, true), "dust stranded");
            }
        }
        vm.revertToState(snap);
    }

    /// @notice One failing payee never blocks another: no handler call left an accepting payee unpaid, `releaseAll`
    /// pays every accepting payee in full, and each accepting payee's own `release` succeeds, whoever refuses.
    /// @dev The last two in a snapshot, rolled back.
    function invariant_failingPayeeNeverBlocksAnother() public {
        assertEq(handler.ghostBlocked(), 0, "a call left an accepting payee unpaid");
        uint256 snap = vm.snapshotState();
        for (uint256 s; s < 4; ++s) {
            for (uint256 t; t < 3; ++t) {
                uint256 inner = vm.snapshotState();
                _releaseEachAccepting(s, handler.token(t));
                vm.revertToState(inner);
                _releaseAllPaysEachAccepting(s, handler.token(t));
            }
        }
        vm.revertToState(snap);
    }

    function _releaseEachAccepting(uint256 s, address token) internal {
        Split split = handler.split(s);
        uint256[] memory p = handler.config(s);
        for (uint256 i; i < p.length; ++i) {
            if (!handler.accepts(token, _account(p[i]))) continue;
            bytes32[] memory proof = _proof(p, handler.salt(s), i);
            bytes memory data = abi.encodeCall(
                Split.release,
                (token, _account(p[i]), _share(p[i]), _total(p), handler.salt(s), proof)
            );
            (bool paid, ) = address(split).call(data);
            assertTrue(paid, "accepting payee's release reverted");
        }
    }

    function _releaseAllPaysEachAccepting(uint256 s, address token) internal {
        Split split = handler.split(s);
        uint256[] memory p = handler.config(s);
        uint256 total = _total(p);
        split.releaseAll(token, p, handler.salt(s));
        for (uint256 i; i < p.length; ++i) {
            if (!handler.accepts(token, _account(p[i]))) continue;
            assertEq(split.owed(token, _account(p[i]), _share(p[i]), total), 0, "accepting payee left owed");
        }
    }

    /// @notice A payee that calls back into its Split while being paid never gets in.
    function invariant_reentryNeverSucceeds() public view {
        assertFalse(handler.ghostReentered(), "re-entered");
    }

    /// @notice Each Split's address still commits to its config, and its code never changes.
    function invariant_sharesImmutable() public view {
        for (uint256 s; s < 4; ++s) {
            (address predicted, ) = handler.FACTORY_().predictSplit(handler.config(s), handler.salt(s));
            assertEq(predicted, address(handler.split(s)), "config no longer matches the address");
            assertEq(address(handler.split(s)).codehash, codeHashes[s], "clone code changed");
        }
    }
}
